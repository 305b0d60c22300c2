package dev.quorum.api.callbacks;

import java.time.Duration;

/**
 * How status callbacks are delivered and retried.
 *
 * @param requestTimeout  how long one attempt may take (connect + response)
 * @param initialBackoff  wait after the first failure; doubled after each further failure
 * @param maxBackoff      the longest wait between attempts
 * @param jitter          up to this fraction of the wait is added at random, so receivers coming
 *                        back are not hit by every sender at once
 * @param giveUpAfter     a callback still failing this long after it was queued is given up
 * @param pollInterval    how often the queue is checked for callbacks falling due (new callbacks
 *                        are sent at once)
 * @param concurrency     attempts in flight at once across all receivers
 */
public record CallbackPolicy(
        Duration requestTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        Duration giveUpAfter,
        Duration pollInterval,
        int concurrency) {

    public static final CallbackPolicy DEFAULT = new CallbackPolicy(
            Duration.ofSeconds(15),
            Duration.ofSeconds(5),
            Duration.ofMinutes(10),
            0.2,
            Duration.ofHours(24),
            Duration.ofSeconds(1),
            16);

    public CallbackPolicy {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("callbacks.request-timeout must be positive");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "callbacks.initial-backoff must be positive and at most callbacks.max-backoff");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("callbacks.jitter must be between 0 and 1");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("callbacks.poll-interval must be positive");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("callbacks.concurrency must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}, given {@code attempt} failures so far, before jitter. */
    public Duration backoff(int failures) {
        long ms = initialBackoff.toMillis();
        for (int i = 1; i < failures && ms < maxBackoff.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
