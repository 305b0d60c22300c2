package dev.quorum.rtp.codec.av1;

/**
 * AV1 OBU header fields and types (AV1 spec §5.3).
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |F| type  |X|S|-|   F: forbidden (0), X: extension byte follows, S: obu_size follows
 * +-+-+-+-+-+-+-+-+
 * |TID|SID|-|-|-|     (extension) temporal and spatial layer
 * +-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Av1Obu {

    public static final int SEQUENCE_HEADER = 1;
    public static final int TEMPORAL_DELIMITER = 2;
    public static final int FRAME_HEADER = 3;
    public static final int TILE_GROUP = 4;
    public static final int METADATA = 5;
    public static final int FRAME = 6;
    public static final int REDUNDANT_FRAME_HEADER = 7;
    public static final int TILE_LIST = 8;
    public static final int PADDING = 15;

    /** The two bytes of a temporal delimiter with its (zero) size field. */
    public static final int TEMPORAL_DELIMITER_HEADER = 0x12;

    private Av1Obu() {}

    public static int type(int header) {
        return (header >>> 3) & 0x0F;
    }

    public static boolean forbiddenBit(int header) {
        return (header & 0x80) != 0;
    }

    public static boolean hasExtension(int header) {
        return (header & 0x04) != 0;
    }

    public static boolean hasSizeField(int header) {
        return (header & 0x02) != 0;
    }
}
