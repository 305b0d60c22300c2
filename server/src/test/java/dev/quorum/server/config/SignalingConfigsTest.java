package dev.quorum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.signaling.session.SignalingConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalingConfigsTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        ConfigSource source = ConfigSource.of(Map.of());
        SignalingConfig c = SignalingConfigs.from(source);
        assertThat(c.maxMessageBytes()).isEqualTo(262144);
        assertThat(c.messagesPerSecond()).isEqualTo(50);
        assertThat(c.burst()).isEqualTo(100);
        assertThat(c.joinTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.resumeWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.tokenLeeway()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SignalingConfigs.devTokenTtl(source)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void everyKeyIsReadSoNoneIsReportedUnknown() {
        ConfigSource source = ConfigSource.of(Map.of(
                "signaling.max-message-size", "65536",
                "signaling.rate-limit", "20",
                "signaling.rate-burst", "40",
                "signaling.join-timeout", "5s",
                "signaling.resume-window", "0s",
                "signaling.token-leeway", "1m",
                "signaling.dev-token-ttl", "30m"));
        SignalingConfig c = SignalingConfigs.from(source);
        assertThat(c.maxMessageBytes()).isEqualTo(65536);
        assertThat(c.messagesPerSecond()).isEqualTo(20);
        assertThat(c.burst()).isEqualTo(40);
        assertThat(c.joinTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.resumeWindow()).isZero();
        assertThat(c.tokenLeeway()).isEqualTo(Duration.ofMinutes(1));
        assertThat(SignalingConfigs.devTokenTtl(source)).isEqualTo(Duration.ofMinutes(30));
        source.checkNoUnknownKeys();
    }

    @Test
    void anInvalidValueNamesItsKeyAndVariable() {
        assertThatThrownBy(() -> SignalingConfigs.from(ConfigSource.of(Map.of("signaling.max-message-size", "100"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("signaling.max-message-size")
                .hasMessageContaining("QUORUM_SIGNALING_MAX_MESSAGE_SIZE");
        assertThatThrownBy(() -> SignalingConfigs.from(ConfigSource.of(Map.of("signaling.join-timeout", "soon"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("signaling.join-timeout");
    }
}
