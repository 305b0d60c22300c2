package dev.quorum.composer.engine;

/**
 * Told how far a composition has got. Called on an engine thread each time the percentage moves;
 * must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (percent, secondsRemaining) -> {};

    /**
     * @param percentageDone   0–100
     * @param secondsRemaining estimate from the pace so far; −1 before there is one
     */
    void onProgress(int percentageDone, long secondsRemaining);
}
