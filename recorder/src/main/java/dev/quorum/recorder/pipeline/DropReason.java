package dev.quorum.recorder.pipeline;

import java.util.Locale;

/** Why a tapped packet or frame did not reach the recording; each has its own counter. */
public enum DropReason {
    /** The per-track queue was full: the recorder thread fell behind. */
    QUEUE_FULL,
    /** Not a parseable RTP packet. */
    MALFORMED,
    /** A payload type other than the tapped codec's. */
    UNEXPECTED_PAYLOAD_TYPE,
    /** A second copy of a packet still held for reordering. */
    DUPLICATE,
    /** Arrived after its place in the sequence was given up (or a copy of a written packet). */
    LATE,
    /** Before the first keyframe, or after a loss until the next one. */
    WAITING_FOR_KEYFRAME,
    /** Part of a frame that lost a packet. */
    INCOMPLETE_FRAME,
    /** A frame whose timestamp goes backwards. */
    NON_MONOTONIC,
    /** Received while the room's recording was paused. */
    PAUSED,
    /** Received while the publisher had disabled the track. */
    MUTED,
    /** The recording had already failed (file not writable). */
    RECORDING_FAILED,
    /** Received after the track stopped being recorded. */
    CLOSED,
    /** A codec the recorder does not write. */
    UNSUPPORTED_CODEC;

    /** Lower-case tag value for metrics, e.g. {@code queue_full}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
