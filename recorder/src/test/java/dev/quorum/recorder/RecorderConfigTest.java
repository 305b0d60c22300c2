package dev.quorum.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecorderConfigTest {

    private final RecorderConfig d = RecorderConfig.defaults();

    @Test
    void defaultsAreValidAndDocumented() {
        assertThat(d.queueCapacity()).isEqualTo(2048);
        assertThat(d.reorderWindow()).isEqualTo(Duration.ofMillis(400));
        assertThat(d.flushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.syncInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.keyPrefix()).isEqualTo("recordings");
        assertThat(d.instanceId()).isEqualTo("local");
        assertThat(d.workerThreads()).isPositive();
    }

    @Test
    void invalidValuesAreRejectedNamingTheirKey() {
        assertThatThrownBy(() -> d.withQueueCapacity(3))
                .hasMessageContaining("recorder.queue-capacity")
                .hasMessageContaining("'3'");
        assertThatThrownBy(() -> d.withReorderWindow(Duration.ofSeconds(5)))
                .hasMessageContaining("recorder.reorder-window");
        assertThatThrownBy(() -> d.withFlushInterval(Duration.ofMillis(1)))
                .hasMessageContaining("recorder.flush-interval");
        assertThatThrownBy(() -> d.withWorkerThreads(0)).hasMessageContaining("recorder.worker-threads");
        assertThatThrownBy(() -> d.withInstanceId("a b")).hasMessageContaining("recorder.instance-id");
        assertThatThrownBy(() -> new RecorderConfig(
                        2048,
                        d.reorderWindow(),
                        d.flushInterval(),
                        d.syncInterval(),
                        d.maxClusterDuration(),
                        d.keyframeRetryInterval(),
                        1,
                        "../etc",
                        "x"))
                .hasMessageContaining("recorder.key-prefix");
        assertThatThrownBy(() -> new RecorderConfig(
                        2048,
                        d.reorderWindow(),
                        d.flushInterval(),
                        Duration.ofMillis(5),
                        d.maxClusterDuration(),
                        d.keyframeRetryInterval(),
                        1,
                        "r",
                        "x"))
                .hasMessageContaining("recorder.sync-interval");
    }
}
