package dev.quorum.sfu.tap;

/**
 * The SPI through which the SFU hands a track's media to another component (the recorder)
 * without knowing it.
 *
 * <p>The room decides what is tapped: when a track becomes recorded (a recording rule matches it,
 * on publish or when the rules change) it calls {@link #open}; when the track stops being recorded
 * (unpublished, excluded by a rule change, participant left, room ended) it calls
 * {@link TrackSink#close()}. A track that is recorded again later gets a new {@code open}.
 */
public interface MediaTap {

    /**
     * A track starts being tapped. Called on a control thread, never on the packet path; may do
     * I/O (open a file), but should return promptly.
     *
     * @param track   what is tapped
     * @param control lets the sink ask the publisher for a keyframe
     * @return the sink that receives the track's packets
     */
    TrackSink open(TappedTrack track, TapControl control);
}
