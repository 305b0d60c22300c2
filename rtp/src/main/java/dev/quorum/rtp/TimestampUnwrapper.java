package dev.quorum.rtp;

/**
 * Extends 32-bit RTP timestamps to a 64-bit timeline across wrap-arounds, in both directions: a
 * timestamp slightly before the previous one (reordering, B-frames, RED redundancy) unwraps to a
 * smaller value rather than jumping forward by 2<sup>32</sup>.
 *
 * <p>Each value is placed within half the timestamp space (2<sup>31</sup> ticks, about 6.6 hours
 * at 90 kHz) of the previous one; exactly half counts as forward. Not thread-safe; one per stream.
 */
public final class TimestampUnwrapper {

    private static final long HALF = 1L << 31;
    private static final long SPACE = 1L << 32;

    private boolean started;
    private long last;

    /** Unwraps {@code timestamp} (low 32 bits used) relative to the previous call. */
    public long unwrap(long timestamp) {
        long ts = timestamp & 0xFFFFFFFFL;
        if (!started) {
            started = true;
            last = ts;
            return ts;
        }
        long d = (ts - last) & 0xFFFFFFFFL;
        last += d > HALF ? d - SPACE : d;
        return last;
    }

    /** The last unwrapped value; meaningless before the first call. */
    public long last() {
        return last;
    }

    /** Whether {@link #unwrap} has been called since construction or {@link #reset}. */
    public boolean started() {
        return started;
    }

    /** Forgets the history, e.g. when the stream's SSRC changes. */
    public void reset() {
        started = false;
        last = 0;
    }
}
