package dev.quorum.rtp.codec.h264;

/**
 * H.264 NAL unit types (ITU-T H.264 Table 7-1) and the RTP payload structure types that share
 * the field (RFC 6184 §5.2).
 *
 * <pre>
 * +---------------+
 * |0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+
 * |F|NRI|  Type   |
 * +---------------+
 * </pre>
 */
public final class H264Nal {

    public static final int SLICE = 1;
    /** Coded slice of an IDR picture: decoding can start here. */
    public static final int IDR = 5;

    public static final int SEI = 6;
    public static final int SPS = 7;
    public static final int PPS = 8;
    public static final int ACCESS_UNIT_DELIMITER = 9;
    /** Single-time aggregation packet (RFC 6184 §5.7.1). */
    public static final int STAP_A = 24;

    public static final int STAP_B = 25;
    public static final int MTAP16 = 26;
    public static final int MTAP24 = 27;
    /** Fragmentation unit (RFC 6184 §5.8). */
    public static final int FU_A = 28;

    public static final int FU_B = 29;

    private H264Nal() {}

    /** The type field of a NAL header byte. */
    public static int type(int header) {
        return header & 0x1F;
    }
}
