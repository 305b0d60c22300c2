package dev.quorum.sfu.room.simulcast;

/**
 * How large a layer's keyframes are: the bytes of the packets that carry one picture, counted by
 * its RTP timestamp from the packet that starts it. A keyframe is a burst several times the
 * layer's per-frame size, and whether a narrow downlink can take it is what decides if switching
 * up to that layer freezes the picture ({@link LayerAllocator}). Reports the larger of the last two
 * keyframes, as their sizes vary. Pure state; lives with its stream on the room's loop.
 */
public final class KeyframeSize {

    private long timestamp = -1;
    private long counting;
    private long previous;

    /**
     * One media packet of the stream.
     *
     * @param rtpTimestamp its RTP timestamp
     * @param bytes its size on the wire
     * @param startsKeyframe whether it starts a keyframe
     */
    public void packet(long rtpTimestamp, int bytes, boolean startsKeyframe) {
        if (rtpTimestamp == timestamp) {
            counting += bytes;
        } else if (startsKeyframe) {
            previous = counting;
            timestamp = rtpTimestamp;
            counting = bytes;
        }
    }

    /** Bits of the larger of the last two keyframes, or 0 before the first. */
    public long bits() {
        return Math.max(counting, previous) * 8;
    }
}
