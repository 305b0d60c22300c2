package dev.quorum.server.config;

import dev.quorum.storage.s3.S3Credentials;
import dev.quorum.storage.s3.S3Target;
import dev.quorum.storage.upload.UploadConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the shared media store and upload keys (docs/configuration.md, "Media in S3").
 */
public final class UploadConfigs {

    /** The servers' shared bucket: where media lives when several servers share one store. */
    public record SharedStore(S3Target target, S3Credentials credentials) {}

    private UploadConfigs() {}

    public static UploadConfig from(ConfigSource c) {
        UploadConfig d = UploadConfig.defaults();
        Duration window = c.duration("uploads.retry-window", d.window(), Duration.ofSeconds(1), Duration.ofDays(30));
        Duration min = c.duration("uploads.min-backoff", d.minBackoff(), Duration.ofMillis(100), Duration.ofHours(1));
        Duration max = c.duration("uploads.max-backoff", d.maxBackoff(), min, Duration.ofDays(1));
        String fallback = c.choice("uploads.fallback", "server", List.of("server", "none"));
        return new UploadConfig(
                window,
                min,
                max,
                fallback.equals("server"),
                c.bool("uploads.keep-local", d.keepLocal()),
                c.integer("uploads.threads", d.threads(), 1, 64),
                c.string("storage.s3.region", d.defaultRegion()),
                c.duration(
                        "uploads.connect-timeout", d.connectTimeout(), Duration.ofMillis(100), Duration.ofMinutes(1)),
                c.duration("uploads.request-timeout", d.requestTimeout(), Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    /** The shared bucket, when {@code storage.s3.url} is set. */
    public static Optional<SharedStore> shared(ConfigSource c) {
        String url = c.string("storage.s3.url", "");
        String region = c.string("storage.s3.region", UploadConfig.defaults().defaultRegion());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        S3Target target;
        try {
            target = S3Target.parse(url, region);
        } catch (IllegalArgumentException e) {
            throw c.invalid("storage.s3.url", url, "a bucket URL (" + e.getMessage() + ")");
        }
        String id = c.required("storage.s3.access-key-id", "the access key id of the shared bucket");
        String secret = c.required("storage.s3.secret-access-key", "the secret access key of the shared bucket");
        return Optional.of(new SharedStore(target, new S3Credentials(id, secret)));
    }
}
