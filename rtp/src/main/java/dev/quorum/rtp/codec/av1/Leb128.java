package dev.quorum.rtp.codec.av1;

import io.netty.buffer.ByteBuf;

/**
 * Unsigned little-endian base-128 numbers as AV1 uses them (AV1 spec §4.10.5): seven bits per
 * byte, low group first, high bit set on every byte but the last; at most 8 bytes and a value
 * below 2<sup>32</sup>.
 */
public final class Leb128 {

    /** Longest encoding the AV1 spec allows. */
    public static final int MAX_BYTES = 8;

    private Leb128() {}

    /**
     * Reads the number at absolute {@code offset}, not past {@code end}. Borrows {@code buf}.
     *
     * @return the value in the low 32 bits and the number of bytes read in bits 32–39, or -1 if
     *     the number runs past {@code end}, is longer than 8 bytes, or exceeds 2<sup>32</sup> - 1
     */
    public static long read(ByteBuf buf, int offset, int end) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (offset + i >= end) {
                return -1;
            }
            int b = buf.getUnsignedByte(offset + i);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value > 0xFFFFFFFFL ? -1 : ((long) (i + 1) << 32) | value;
            }
        }
        return -1;
    }

    /** The value of a non-negative {@link #read} result. */
    public static int value(long read) {
        return (int) read;
    }

    /** The byte count of a non-negative {@link #read} result. */
    public static int length(long read) {
        return (int) (read >>> 32);
    }

    /** Bytes {@link #write} uses for {@code value}. */
    public static int encodedLength(long value) {
        int length = 1;
        while (value >= 0x80) {
            value >>>= 7;
            length++;
        }
        return length;
    }

    /**
     * Appends {@code value} (0 to 2<sup>32</sup> - 1) at {@code dst}'s writer index, in as few bytes as it
     * needs. Borrows {@code dst}.
     */
    public static void write(long value, ByteBuf dst) {
        while (value >= 0x80) {
            dst.writeByte((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        dst.writeByte((int) value);
    }
}
