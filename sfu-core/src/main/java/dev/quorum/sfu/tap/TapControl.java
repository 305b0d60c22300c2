package dev.quorum.sfu.tap;

/** What a tap may ask of the SFU. Thread-safe; cheap to call (requests are throttled). */
public interface TapControl {

    /** Asks the publisher for a keyframe (PLI/FIR), e.g. at start or after unrecoverable loss. */
    void requestKeyframe();
}
