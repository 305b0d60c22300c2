package dev.quorum.recorder.pipeline;

/**
 * Places frames on a recording's timeline in milliseconds: the first frame at 0, later frames by
 * their RTP timestamp distance from it, so pauses, mutes and DTX remain real gaps. Timestamps are
 * unwrapped here, relative to the last frame placed, so the depacketizer may be replaced (after a
 * pause) without breaking the timeline. When the stream changes (a new SSRC, or a sender whose
 * timestamps jump back), the new stream continues from the last frame by the time that passed
 * between their arrivals.
 */
final class TrackTimeline {

    /** A step back smaller than this is a misordered frame (dropped); larger is a restarted sender. */
    private static final long RESTART_STEP_BACK_MILLIS = 1_000;

    private final int clockRate;
    private boolean started;
    private boolean streamStarted;
    private long streamOriginTimestamp;
    private long streamOriginMillis;
    private long lastTimestamp32;
    private long lastUnwrapped;
    private long lastMillis = -1;
    private long lastArrivalNanos;

    TrackTimeline(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * The block time of a frame, or -1 if it would go backwards and must be dropped.
     *
     * @param rtpTimestamp the frame's RTP timestamp (only its low 32 bits are used)
     * @param arrivalNanos when its last packet arrived
     */
    long place(long rtpTimestamp, long arrivalNanos) {
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        if (!started) {
            started = true;
            restartAt(ts, 0);
        } else if (!streamStarted) {
            restartAt(ts, continuation(arrivalNanos));
        }
        long unwrapped = lastUnwrapped + (int) (ts - lastTimestamp32);
        long ms = streamOriginMillis + Math.floorDiv((unwrapped - streamOriginTimestamp) * 1000, clockRate);
        if (ms < lastMillis) {
            if (lastMillis - ms <= RESTART_STEP_BACK_MILLIS) {
                return -1;
            }
            restartAt(ts, continuation(arrivalNanos));
            unwrapped = ts;
            ms = streamOriginMillis;
        }
        lastTimestamp32 = ts;
        lastUnwrapped = unwrapped;
        lastMillis = ms;
        lastArrivalNanos = arrivalNanos;
        return ms;
    }

    /** The next frame belongs to a new stream, whose timestamps have no relation to the old one's. */
    void newStream() {
        streamStarted = false;
    }

    int clockRate() {
        return clockRate;
    }

    private long continuation(long arrivalNanos) {
        long elapsed = (arrivalNanos - lastArrivalNanos) / 1_000_000;
        return lastMillis + Math.max(1, elapsed);
    }

    private void restartAt(long timestamp32, long millis) {
        streamStarted = true;
        streamOriginTimestamp = timestamp32;
        streamOriginMillis = millis;
        lastTimestamp32 = timestamp32;
        lastUnwrapped = timestamp32;
    }
}
