package dev.quorum.sfu.room.rtcp;

/**
 * Throttles keyframe requests (PLI/FIR) to one publisher stream: at most one per interval, since
 * every keyframe costs the publisher a burst of bits and each subscriber's request would otherwise
 * trigger its own. A request inside the interval is remembered and sent when the interval ends,
 * unless a keyframe arrived meanwhile. Pure state; the caller passes the time. The recorder uses
 * it too, for the keyframes a recording asks for through {@code TapControl}.
 */
public final class KeyframeRequester {

    private final long minIntervalNanos;
    private long lastSentNanos = Long.MIN_VALUE;
    private boolean pending;

    public KeyframeRequester(long minIntervalNanos) {
        this.minIntervalNanos = minIntervalNanos;
    }

    /** Someone needs a keyframe. @return true if a request should be sent now */
    public boolean request(long nowNanos) {
        if (lastSentNanos == Long.MIN_VALUE || nowNanos - lastSentNanos >= minIntervalNanos) {
            lastSentNanos = nowNanos;
            pending = false;
            return true;
        }
        pending = true;
        return false;
    }

    /**
     * A keyframe is needed at once whatever the interval (a recording starts, resumes, or sees a
     * new stream). @return true: send a request now
     */
    public boolean requestNow(long nowNanos) {
        lastSentNanos = nowNanos;
        pending = false;
        return true;
    }

    /** On the timer. @return true if a deferred request should be sent now */
    public boolean due(long nowNanos) {
        if (pending && nowNanos - lastSentNanos >= minIntervalNanos) {
            lastSentNanos = nowNanos;
            pending = false;
            return true;
        }
        return false;
    }

    /** A keyframe arrived: a deferred request is satisfied. */
    public void keyframeReceived() {
        pending = false;
    }

    public boolean pending() {
        return pending;
    }
}
