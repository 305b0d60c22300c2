package dev.quorum.api.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for something another thread does (a delivery, a queue state); fails after a bound. */
public final class Await {

    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        // Generous: a passing test waits only as long as the condition takes; a busy machine takes longer.
        until(what, condition, Duration.ofSeconds(60));
    }

    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
