package dev.quorum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.recorder.RecorderConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderConfigsTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        RecorderConfig c = RecorderConfigs.from(ConfigSource.of(Map.of()));
        assertThat(c.queueCapacity()).isEqualTo(2048);
        assertThat(c.reorderWindow()).isEqualTo(Duration.ofMillis(400));
        assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.syncInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxClusterDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.keyframeRetryInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.workerThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(c.keyPrefix()).isEqualTo("recordings");
        assertThat(c.instanceId()).isEqualTo("local");
    }

    @Test
    void everyDocumentedKeyIsReadSoNoneIsReportedUnknown() {
        ConfigSource source = ConfigSource.of(Map.of(
                "recorder.queue-capacity", "512",
                "recorder.reorder-window", "0ms",
                "recorder.flush-interval", "250ms",
                "recorder.sync-interval", "2s",
                "recorder.max-cluster-duration", "1s",
                "recorder.keyframe-retry", "500ms",
                "recorder.worker-threads", "3",
                "recorder.key-prefix", "tenant-a/recordings",
                "recorder.instance-id", "sfu-2"));
        RecorderConfig c = RecorderConfigs.from(source);
        assertThat(c)
                .isEqualTo(new RecorderConfig(
                        512,
                        Duration.ZERO,
                        Duration.ofMillis(250),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(500),
                        3,
                        "tenant-a/recordings",
                        "sfu-2"));
        source.checkNoUnknownKeys();
    }

    @Test
    void anInvalidValueNamesItsKey() {
        assertThatThrownBy(() -> RecorderConfigs.from(ConfigSource.of(Map.of("recorder.queue-capacity", "8"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("recorder.queue-capacity")
                .hasMessageContaining("QUORUM_RECORDER_QUEUE_CAPACITY");
        assertThatThrownBy(() -> RecorderConfigs.from(ConfigSource.of(Map.of("recorder.sync-interval", "often"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("recorder.sync-interval");
        // Checked by the recorder's own record, whose message still names the key.
        assertThatThrownBy(() -> RecorderConfigs.from(ConfigSource.of(Map.of("recorder.key-prefix", "../escape"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("recorder.key-prefix");
        assertThatThrownBy(() -> RecorderConfigs.from(ConfigSource.of(Map.of("recorder.instance-id", "a b"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("recorder.instance-id");
    }
}
