package dev.quorum.sfu.room.forward;

/**
 * Outgoing RTP timestamps of one forwarded stream for one subscriber: continuous across source
 * switches. Each simulcast layer has its own random timestamp base, so at a switch the new
 * source's first timestamp is placed after the last one sent by the wall-clock time that passed
 * (at least one tick). Pure state; one per subscription.
 */
public final class TimestampRewriter {

    private final int clockRate;
    private boolean started;
    private boolean needsRebase = true;
    private long offset;
    private long highestOut;
    private long highestOutNanos;

    /**
     * @param clockRate the codec's RTP clock rate
     * @param initial   the first outgoing timestamp (random, RFC 3550 §5.1)
     */
    public TimestampRewriter(int clockRate, long initial) {
        this.clockRate = clockRate;
        this.highestOut = initial & 0xFFFFFFFFL;
    }

    /** The next packet starts a new source. */
    public void rebase() {
        needsRebase = true;
    }

    /** The outgoing timestamp of a packet sent at {@code nowNanos}. */
    public long rewrite(long timestamp, long nowNanos) {
        if (needsRebase) {
            long first = highestOut;
            if (started) {
                long elapsed = Math.max(0, nowNanos - highestOutNanos);
                first = highestOut + Math.max(1, elapsed * clockRate / 1_000_000_000L);
            }
            offset = first - timestamp;
            needsRebase = false;
            if (!started) {
                highestOutNanos = nowNanos;
            }
        }
        long out = (timestamp + offset) & 0xFFFFFFFFL;
        if (!started || isNewer(out, highestOut)) {
            highestOut = out;
            highestOutNanos = nowNanos;
        }
        started = true;
        return out;
    }

    /** Maps a source timestamp of the current run (e.g. from the publisher's SR). */
    public long map(long timestamp) {
        return (timestamp + offset) & 0xFFFFFFFFL;
    }

    /** True once a packet went out and the mapping is current. */
    public boolean mapped() {
        return started && !needsRebase;
    }

    public int clockRate() {
        return clockRate;
    }

    private static boolean isNewer(long candidate, long reference) {
        long d = (candidate - reference) & 0xFFFFFFFFL;
        return d != 0 && d < 0x80000000L;
    }
}
