package dev.quorum.rtp;

/**
 * Comparisons of 16-bit RTP sequence numbers under wrap-around (RFC 3550 §A.1): of two numbers,
 * the newer is the one reached by going forward less than half the space. For numbers exactly
 * half the space apart, {@link #delta} counts forward and {@link #isNewer} picks the larger value,
 * so that of two distinct numbers exactly one is newer.
 */
public final class SequenceNumbers {

    private SequenceNumbers() {}

    /** Forward distance from {@code from} to {@code to}, in -32767..32768. */
    public static int delta(int from, int to) {
        int d = (to - from) & 0xFFFF;
        return d > 0x8000 ? d - 0x10000 : d;
    }

    /** Whether {@code candidate} comes after {@code reference}. */
    public static boolean isNewer(int candidate, int reference) {
        int d = (candidate - reference) & 0xFFFF;
        if (d == 0x8000) {
            return (candidate & 0xFFFF) > (reference & 0xFFFF);
        }
        return d != 0 && d < 0x8000;
    }

    /** The sequence number {@code n} after {@code seq}, wrapped to 16 bits. */
    public static int add(int seq, int n) {
        return (seq + n) & 0xFFFF;
    }
}
