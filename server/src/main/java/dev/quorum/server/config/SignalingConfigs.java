package dev.quorum.server.config;

import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.web.SignalingServer;
import java.time.Duration;

/** Reads the {@code signaling.*} keys (docs/configuration.md, "Signaling"). */
public final class SignalingConfigs {

    private SignalingConfigs() {}

    public static SignalingConfig from(ConfigSource c) {
        SignalingConfig d = SignalingConfig.DEFAULTS;
        return new SignalingConfig(
                c.integer("signaling.max-message-size", d.maxMessageBytes(), 4096, SignalingServer.HARD_MESSAGE_LIMIT),
                c.integer("signaling.rate-limit", d.messagesPerSecond(), 1, 100_000),
                c.integer("signaling.rate-burst", d.burst(), 1, 100_000),
                c.duration("signaling.join-timeout", d.joinTimeout(), Duration.ofSeconds(1), Duration.ofMinutes(5)),
                c.duration("signaling.resume-window", d.resumeWindow(), Duration.ZERO, Duration.ofMinutes(10)),
                c.duration("signaling.token-leeway", d.tokenLeeway(), Duration.ZERO, Duration.ofMinutes(10)),
                d.maxBufferedMessages());
    }

    /** Lifetime of development-mode tokens ({@code signaling.dev-token-ttl}, 4h). */
    public static Duration devTokenTtl(ConfigSource c) {
        return c.duration("signaling.dev-token-ttl", Duration.ofHours(4), Duration.ofMinutes(1), Duration.ofHours(24));
    }
}
