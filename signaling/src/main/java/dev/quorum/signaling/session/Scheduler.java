package dev.quorum.signaling.session;

import java.time.Duration;

/** Runs a task later (join timeouts, resume windows); tests drive time by hand. */
@FunctionalInterface
public interface Scheduler {

    /** Schedules {@code task}; the returned handle cancels it if it has not run. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
