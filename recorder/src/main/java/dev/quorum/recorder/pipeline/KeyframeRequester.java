package dev.quorum.recorder.pipeline;

import dev.quorum.sfu.tap.TapControl;

/**
 * Asks the publisher for a keyframe (through the SFU, which sends PLI/FIR) when the recording
 * needs one, at most once per retry interval however often the need is reported.
 */
final class KeyframeRequester {

    private final TapControl control;
    private final long retryNanos;
    private long lastRequestNanos;
    private boolean requested;
    private long requests;

    KeyframeRequester(TapControl control, long retryNanos) {
        this.control = control;
        this.retryNanos = retryNanos;
    }

    /** Requests a keyframe unless one was requested less than the retry interval ago. */
    void request(long nowNanos) {
        if (requested && nowNanos - lastRequestNanos < retryNanos) {
            return;
        }
        requested = true;
        lastRequestNanos = nowNanos;
        requests++;
        control.requestKeyframe();
    }

    /** Requests now, whatever the interval (start, resume, a new stream). */
    void requestNow(long nowNanos) {
        requested = false;
        request(nowNanos);
    }

    long requests() {
        return requests;
    }
}
