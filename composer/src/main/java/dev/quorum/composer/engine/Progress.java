package dev.quorum.composer.engine;

import java.util.function.LongSupplier;

/**
 * Turns work done into a percentage and an estimate of the seconds left, and tells the listener
 * each time the percentage moves. Video frames count when there is video, otherwise audio
 * samples. Thread-safe: the encoder threads report, the listener is called on the reporting thread.
 */
final class Progress {

    /** A live composition learns its total once its room has ended. */
    private volatile long totalUnits;

    private final boolean byVideo;
    private final ProgressListener listener;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private int lastPercent = -1;

    Progress(long totalUnits, boolean byVideo, ProgressListener listener, LongSupplier nanoClock) {
        this.totalUnits = Math.max(1, totalUnits);
        this.byVideo = byVideo;
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    void videoReached(long frames) {
        if (byVideo) {
            update(frames);
        }
    }

    void audioReached(long samples) {
        if (!byVideo) {
            update(samples);
        }
    }

    /** The room of a live composition ended: the work is now known, {@code totalUnits} in all. */
    void total(long totalUnits) {
        this.totalUnits = Math.max(1, totalUnits);
    }

    /** A live composition is {@code behindMillis} behind its room. */
    void live(long behindMillis) {
        listener.onLive(behindMillis);
    }

    private void update(long done) {
        int percent = (int) Math.min(100, done * 100 / totalUnits);
        synchronized (this) {
            if (percent <= lastPercent) {
                return;
            }
            lastPercent = percent;
        }
        listener.onProgress(percent, secondsRemaining(done));
    }

    private long secondsRemaining(long done) {
        if (done <= 0) {
            return -1;
        }
        double elapsed = (nanoClock.getAsLong() - startNanos) / 1e9;
        double left = elapsed * (totalUnits - done) / done;
        return Math.max(0, Math.round(left));
    }
}
