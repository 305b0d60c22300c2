package dev.quorum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.composer.ComposerConfig;
import dev.quorum.composer.engine.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposerConfigsTest {

    private static ServerConfig server(Map<String, String> values) {
        return ServerConfig.from(ConfigSource.of(values));
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        Map<String, String> values = Map.of("data.dir", "/srv/quorum");
        ComposerConfig c = ComposerConfigs.from(server(values), ConfigSource.of(values));
        assertThat(c).isEqualTo(ComposerConfig.defaults(Path.of("/srv/quorum")));
        assertThat(c.workers()).isEqualTo(1);
        assertThat(c.isolation()).isEqualTo(ComposerConfig.Isolation.PROCESS);
        assertThat(c.childJvmOptions()).containsExactly("-Xmx512m");
        assertThat(c.workDir()).isEqualTo(Path.of("/srv/quorum/composer"));
        assertThat(c.engine()).isEqualTo(EngineSettings.DEFAULT);
    }

    @Test
    void everyDocumentedKeyIsReadSoNoneIsReportedUnknown() {
        ConfigSource source = ConfigSource.of(Map.ofEntries(
                Map.entry("composer.workers", "2"),
                Map.entry("composer.isolation", "in-process"),
                Map.entry("composer.child-jvm-options", " -Xmx1g   -XX:+UseSerialGC "),
                Map.entry("composer.work-dir", "/scratch/compose"),
                Map.entry("composer.instance-id", "sfu-2"),
                Map.entry("composer.poll-interval", "500ms"),
                Map.entry("composer.heartbeat-interval", "1s"),
                Map.entry("composer.stale-after", "5s"),
                Map.entry("composer.frame-rate", "30"),
                Map.entry("composer.video-bits-per-pixel", "0.2"),
                Map.entry("composer.audio-bitrate", "64000"),
                Map.entry("composer.keyframe-interval", "4s"),
                Map.entry("composer.encoder-threads", "2")));
        ComposerConfig c = ComposerConfigs.from(server(Map.of()), source);
        assertThat(c.workers()).isEqualTo(2);
        assertThat(c.isolation()).isEqualTo(ComposerConfig.Isolation.IN_PROCESS);
        assertThat(c.childJvmOptions()).isEqualTo(List.of("-Xmx1g", "-XX:+UseSerialGC"));
        assertThat(c.workDir()).isEqualTo(Path.of("/scratch/compose"));
        assertThat(c.instanceId()).isEqualTo("sfu-2");
        assertThat(c.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.staleAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.engine().frameRate()).isEqualTo(30);
        assertThat(c.engine().bitsPerPixel()).isEqualTo(0.2);
        assertThat(c.engine().audioBitrate()).isEqualTo(64000);
        assertThat(c.engine().keyframeSeconds()).isEqualTo(4);
        assertThat(c.engine().encoderThreads()).isEqualTo(2);
        source.checkNoUnknownKeys();
    }

    @Test
    void anInvalidValueNamesItsKey() {
        assertInvalid("composer.workers", "65");
        assertInvalid("composer.isolation", "thread");
        assertInvalid("composer.child-jvm-options", "Xmx1g");
        assertInvalid("composer.instance-id", "has space");
        assertInvalid("composer.poll-interval", "soon");
        assertInvalid("composer.frame-rate", "0");
        assertInvalid("composer.video-bits-per-pixel", "lots");
        assertInvalid("composer.video-bits-per-pixel", "3");
        assertInvalid("composer.audio-bitrate", "8000");
        assertInvalid("composer.keyframe-interval", "2h");
        assertInvalid("composer.encoder-threads", "17");
        // A rule across two keys names the one at fault.
        ConfigSource tooEager =
                ConfigSource.of(Map.of("composer.heartbeat-interval", "10s", "composer.stale-after", "20s"));
        assertThatThrownBy(() -> ComposerConfigs.from(server(Map.of()), tooEager))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("composer.stale-after");
    }

    private static void assertInvalid(String key, String value) {
        assertThatThrownBy(() -> ComposerConfigs.from(server(Map.of()), ConfigSource.of(Map.of(key, value))))
                .as("%s = %s", key, value)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
