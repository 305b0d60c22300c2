package dev.quorum.rtp;

/**
 * Extends 16-bit RTP sequence numbers to a monotonic 64-bit count across wrap-arounds (RFC 3550
 * §A.1), in both directions: a packet from before a wrap that arrives after it unwraps to a
 * smaller value, possibly negative if it precedes the first packet seen.
 *
 * <p>Each value is placed within half the sequence space of the previous one; a jump of exactly
 * half the space counts as forward. Not thread-safe; one per stream.
 */
public final class SequenceNumberUnwrapper {

    private boolean started;
    private long last;

    /** Unwraps {@code sequenceNumber} (low 16 bits used) relative to the previous call. */
    public long unwrap(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            started = true;
            last = seq;
            return seq;
        }
        last += SequenceNumbers.delta((int) (last & 0xFFFF), seq);
        return last;
    }

    /** The last unwrapped value, or -1 before the first call. */
    public long last() {
        return started ? last : -1;
    }

    /** Forgets the history, e.g. when the stream's SSRC changes. */
    public void reset() {
        started = false;
        last = 0;
    }
}
