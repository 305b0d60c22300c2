package dev.quorum.recorder.pipeline;

/**
 * Extends wrapping RTP counters (16-bit sequence numbers, 32-bit timestamps) into monotonic longs,
 * choosing for each value the candidate nearest the previous one, so wraps work in both directions.
 */
public final class SequenceUnwrapper {

    private final int bits;
    private final long modulus;
    private long last = Long.MIN_VALUE;

    private SequenceUnwrapper(int bits) {
        this.bits = bits;
        this.modulus = 1L << bits;
    }

    public static SequenceUnwrapper sequenceNumbers() {
        return new SequenceUnwrapper(16);
    }

    public static SequenceUnwrapper timestamps() {
        return new SequenceUnwrapper(32);
    }

    /** The unwrapped value of {@code value} (taken modulo 2^bits). */
    public long unwrap(long value) {
        long v = value & (modulus - 1);
        if (last == Long.MIN_VALUE) {
            last = v + (modulus << 4);
            return last;
        }
        long delta = v - (last & (modulus - 1));
        if (delta > modulus / 2) {
            delta -= modulus;
        } else if (delta < -modulus / 2) {
            delta += modulus;
        }
        last += delta;
        return last;
    }

    /** Forgets the history: the next value starts a new stream. */
    public void reset() {
        last = Long.MIN_VALUE;
    }

    int bits() {
        return bits;
    }
}
