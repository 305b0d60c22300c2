package dev.quorum.signaling.session;

import java.time.Duration;

/**
 * Signaling settings ({@code signaling.*} keys, see docs/configuration.md).
 *
 * @param maxMessageBytes   largest client message accepted ({@code signaling.max-message-size},
 *                          256 KiB); larger ones close the socket with 4413
 * @param messagesPerSecond sustained client message rate ({@code signaling.rate-limit}, 50/s)
 * @param burst             messages allowed at once above the rate ({@code signaling.rate-burst}, 100)
 * @param joinTimeout       how long a new socket may wait before {@code join}
 *                          ({@code signaling.join-timeout}, 10s)
 * @param resumeWindow      how long a participant whose socket dropped stays in the room waiting
 *                          for {@code resume} ({@code signaling.resume-window}, 20s)
 * @param tokenLeeway       clock difference tolerated on token {@code exp}/{@code nbf}
 *                          ({@code signaling.token-leeway}, 10s)
 * @param maxBufferedMessages messages kept for a detached participant before its session is given
 *                          up (1000)
 */
public record SignalingConfig(
        int maxMessageBytes,
        int messagesPerSecond,
        int burst,
        Duration joinTimeout,
        Duration resumeWindow,
        Duration tokenLeeway,
        int maxBufferedMessages) {

    public static final SignalingConfig DEFAULTS = new SignalingConfig(
            256 * 1024, 50, 100, Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(10), 1000);

    public SignalingConfig {
        if (maxMessageBytes < 4096) {
            throw new IllegalArgumentException("signaling.max-message-size must be at least 4096 bytes");
        }
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException("signaling.rate-limit must be at least 1 message per second");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("signaling.rate-burst must be at least 1");
        }
        if (joinTimeout.isNegative() || joinTimeout.isZero()) {
            throw new IllegalArgumentException("signaling.join-timeout must be positive");
        }
        if (resumeWindow.isNegative()) {
            throw new IllegalArgumentException("signaling.resume-window must not be negative");
        }
        if (tokenLeeway.isNegative()) {
            throw new IllegalArgumentException("signaling.token-leeway must not be negative");
        }
        if (maxBufferedMessages < 1) {
            throw new IllegalArgumentException("maxBufferedMessages must be positive");
        }
    }
}
