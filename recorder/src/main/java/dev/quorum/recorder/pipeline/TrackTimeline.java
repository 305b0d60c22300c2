package dev.quorum.recorder.pipeline;

/**
 * Places frames on a recording's timeline in milliseconds: the first frame at 0, later frames by
 * their RTP timestamp distance from it, so pauses, mutes and DTX remain real gaps. Timestamps are
 * unwrapped here, relative to the last frame placed, so the depacketizer may be replaced (after a
 * pause) without breaking the timeline.
 *
 * <p>When the stream changes (a new SSRC: another simulcast layer, a restarted encoder), the new
 * stream's timestamps have no relation to the old one's. Its first frame is placed after the last
 * frame by the distance of their capture times on the sender's clock, which the caller knows from
 * both streams' sender reports; frames of the new stream that this puts at or before the last
 * frame written (the two layers overlap by a frame or so) follow it by 1 ms each, until the new
 * stream's own times pass it. Without that distance, and for a sender whose timestamps jump back
 * within a stream, the time that passed between the frames' arrivals stands in.
 */
final class TrackTimeline {

    /** What {@link #place}'s distance is when the capture times are not known. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** A step back smaller than this is a misordered frame (dropped); larger is a restarted sender. */
    private static final long RESTART_STEP_BACK_MILLIS = 1_000;

    private final int clockRate;
    private boolean started;
    private boolean streamStarted;
    private boolean overlapping;
    private boolean joinedByArrival;
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

    /** Places a frame of the current stream; see {@link #place(long, long, long)}. */
    long place(long rtpTimestamp, long arrivalNanos) {
        return place(rtpTimestamp, arrivalNanos, UNKNOWN);
    }

    /**
     * The block time of a frame, or -1 if it would go backwards and must be dropped.
     *
     * @param rtpTimestamp    the frame's RTP timestamp (only its low 32 bits are used)
     * @param arrivalNanos    when its last packet arrived
     * @param distanceMicros  for the first frame of a new stream ({@link #startsStream()}): how much
     *                        later than the last frame placed the sender captured it, or
     *                        {@link #UNKNOWN}; ignored for other frames
     */
    long place(long rtpTimestamp, long arrivalNanos, long distanceMicros) {
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        if (!started) {
            started = true;
            restartAt(ts, 0);
        } else if (!streamStarted) {
            joinedByArrival = distanceMicros == UNKNOWN || distanceMicros <= -RESTART_STEP_BACK_MILLIS * 1_000;
            if (joinedByArrival) {
                restartAt(ts, continuation(arrivalNanos));
            } else {
                restartAt(ts, lastMillis + Math.round(distanceMicros / 1_000.0));
                overlapping = true;
            }
        }
        long unwrapped = lastUnwrapped + (int) (ts - lastTimestamp32);
        long ms = streamOriginMillis + Math.floorDiv((unwrapped - streamOriginTimestamp) * 1000, clockRate);
        if (overlapping && ms <= lastMillis) {
            ms = lastMillis + 1;
        } else if (ms < lastMillis) {
            if (lastMillis - ms <= RESTART_STEP_BACK_MILLIS) {
                return -1;
            }
            restartAt(ts, continuation(arrivalNanos));
            unwrapped = ts;
            ms = streamOriginMillis;
        } else {
            overlapping = false;
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

    /** True when the next frame placed starts a new stream (after {@link #newStream}). */
    boolean startsStream() {
        return started && !streamStarted;
    }

    /**
     * The current stream's next frames lie {@code micros} later than their RTP timestamps say:
     * the sender's RTP clock fell behind its capture clock (an audio sender that lost samples).
     * Frames already placed stay; the gap is a real one.
     */
    void delay(long micros) {
        streamOriginMillis += Math.round(micros / 1_000.0);
    }

    /**
     * Where a frame of the current stream with this RTP timestamp would go (before any
     * overlap adjustment), for timestamps near the last frame's.
     */
    long projectedMillis(long rtpTimestamp) {
        long unwrapped = lastUnwrapped + (int) ((rtpTimestamp & 0xFFFF_FFFFL) - lastTimestamp32);
        return streamOriginMillis + Math.floorDiv((unwrapped - streamOriginTimestamp) * 1000, clockRate);
    }

    /** True if the current stream was continued by arrival time, not by capture time. */
    boolean joinedByArrival() {
        return joinedByArrival;
    }

    /** The RTP timestamp (32 bits) of the last frame placed. */
    long lastTimestamp() {
        return lastTimestamp32;
    }

    /** The block time of the last frame placed, -1 before the first. */
    long lastMillis() {
        return lastMillis;
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
        overlapping = false;
        streamOriginTimestamp = timestamp32;
        streamOriginMillis = millis;
        lastTimestamp32 = timestamp32;
        lastUnwrapped = timestamp32;
    }
}
