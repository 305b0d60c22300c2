package dev.quorum.rtp.ext;

import dev.quorum.rtp.RtpPacket;

/**
 * The abs-send-time header extension: a 24-bit 6.18 fixed-point send time in seconds, wrapping
 * every 64 s, that receivers use for delay-based bandwidth estimation (REMB).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len=2 |              absolute send time               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class AbsSendTime {

    /** Length of the value. */
    public static final int LENGTH = 3;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private AbsSendTime() {}

    /** The 24-bit value of element {@code id}, or -1 if absent or not 3 bytes long. */
    public static int read(RtpPacket packet, int id) {
        long found = packet.findExtension(id);
        if (found < 0 || RtpPacket.foundLength(found) != LENGTH) {
            return -1;
        }
        return packet.buffer().getUnsignedMedium(RtpPacket.foundOffset(found));
    }

    /** Rewrites element {@code id} with the low 24 bits of {@code value}; false if absent or not 3 bytes. */
    public static boolean write(RtpPacket packet, int id, int value) {
        long found = packet.findExtension(id);
        if (found < 0 || RtpPacket.foundLength(found) != LENGTH) {
            return false;
        }
        packet.buffer().setMedium(RtpPacket.foundOffset(found), value);
        return true;
    }

    /** The 24-bit value for a time in nanoseconds (any epoch; only the last 64 s matter). */
    public static int fromNanos(long nanos) {
        long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
        long fraction = Math.floorMod(nanos, NANOS_PER_SECOND);
        return (int) (((seconds & 0x3F) << 18) | ((fraction << 18) / NANOS_PER_SECOND));
    }

    /** The time within the 64 s cycle that a 24-bit value stands for, in nanoseconds. */
    public static long toNanos(int value) {
        return ((value & 0xFFFFFFL) * NANOS_PER_SECOND) >> 18;
    }
}
