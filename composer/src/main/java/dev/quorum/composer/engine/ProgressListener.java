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

    /**
     * While a live composition's room runs: the output is composed up to {@code behindMillis}
     * ms before now on the room clock. Called every few seconds.
     */
    default void onLive(long behindMillis) {}
}
