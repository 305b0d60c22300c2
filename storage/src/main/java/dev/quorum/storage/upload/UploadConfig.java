package dev.quorum.storage.upload;

import java.time.Duration;

/**
 * How uploads are retried.
 *
 * @param window          how long a failing upload is retried (default 72 h, {@code uploads.retry-window})
 * @param minBackoff      the wait after the first failure, doubled after each (default 5 s)
 * @param maxBackoff      the longest wait between attempts (default 10 min)
 * @param fallback        after the window, keep the file in the server's own store (default) or
 *                        mark the resource failed ({@code uploads.fallback = server | none})
 * @param keepLocal       keep the local copy of a file uploaded unencrypted elsewhere (default false)
 * @param threads         uploads running at once on this node (default 2)
 * @param defaultRegion   the signing region of S3-compatible endpoints that are not AWS (default us-east-1)
 * @param connectTimeout  connecting to a store (default 5 s)
 * @param requestTimeout  one request to a store (default 2 min)
 */
public record UploadConfig(
        Duration window,
        Duration minBackoff,
        Duration maxBackoff,
        boolean fallback,
        boolean keepLocal,
        int threads,
        String defaultRegion,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(72);

    public UploadConfig {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("uploads.retry-window must be positive");
        }
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("uploads.min-backoff must be positive and at most uploads.max-backoff");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("uploads.threads must be between 1 and 64, was " + threads);
        }
    }

    public static UploadConfig defaults() {
        return new UploadConfig(
                DEFAULT_WINDOW,
                Duration.ofSeconds(5),
                Duration.ofMinutes(10),
                true,
                false,
                2,
                "us-east-1",
                Duration.ofSeconds(5),
                Duration.ofMinutes(2));
    }
}
