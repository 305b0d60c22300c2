package dev.quorum.api;

import dev.quorum.api.callbacks.CallbackPolicy;
import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.console.ConsoleConfig;
import java.time.Duration;

/**
 * Settings of the REST API.
 *
 * @param publicUrl      base of every {@code url}, link and signed media URL (no trailing slash)
 * @param callbacks      delivery and retry of status callbacks
 * @param targets        the addresses status callbacks may be sent to
 * @param nodeId         names this server in callback leases; unique per running server
 * @param purgeInterval  how often expired metadata (deleted recordings and compositions, finished
 *                       callbacks past the retention) is purged
 * @param mediaRetention how long media of finished recordings and compositions is kept before it is
 *                       deleted (as a DELETE would), checked at each purge; zero keeps it for ever
 * @param console        how long the web console's sign-ins last
 */
public record ApiConfig(
        String publicUrl,
        CallbackPolicy callbacks,
        CallbackTargets targets,
        String nodeId,
        Duration purgeInterval,
        Duration mediaRetention,
        ConsoleConfig console) {

    public ApiConfig(
            String publicUrl,
            CallbackPolicy callbacks,
            CallbackTargets targets,
            String nodeId,
            Duration purgeInterval,
            Duration mediaRetention) {
        this(publicUrl, callbacks, targets, nodeId, purgeInterval, mediaRetention, ConsoleConfig.DEFAULTS);
    }

    public ApiConfig(
            String publicUrl,
            CallbackPolicy callbacks,
            CallbackTargets targets,
            String nodeId,
            Duration purgeInterval) {
        this(publicUrl, callbacks, targets, nodeId, purgeInterval, Duration.ZERO);
    }

    public ApiConfig {
        if (publicUrl == null || !(publicUrl.startsWith("http://") || publicUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("http.public-url must be an absolute http(s) URL, was " + publicUrl);
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        if (targets == null) {
            throw new IllegalArgumentException("targets must be given (CallbackTargets.ANY in development mode)");
        }
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("nodeId must not be blank");
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("purge interval must be positive");
        }
        if (mediaRetention == null || mediaRetention.isNegative()) {
            throw new IllegalArgumentException("storage.media-retention must not be negative");
        }
        if (console == null) {
            throw new IllegalArgumentException("console settings must be given (ConsoleConfig.DEFAULTS)");
        }
    }

    /** The same settings with another public URL (e.g. once an ephemeral port is known). */
    public ApiConfig withPublicUrl(String url) {
        return new ApiConfig(url, callbacks, targets, nodeId, purgeInterval, mediaRetention, console);
    }

    /** Defaults, with callbacks limited to public addresses. */
    public static ApiConfig of(String publicUrl, String nodeId) {
        return new ApiConfig(
                publicUrl,
                CallbackPolicy.DEFAULT,
                CallbackTargets.publicOnly(java.util.List.of()),
                nodeId,
                Duration.ofHours(6));
    }
}
