package dev.quorum.server.config;

import dev.quorum.recorder.RecorderConfig;
import java.time.Duration;

/** Reads the {@code recorder.*} keys (docs/configuration.md, "Recorder"). */
public final class RecorderConfigs {

    private RecorderConfigs() {}

    public static RecorderConfig from(ConfigSource c) {
        RecorderConfig d = RecorderConfig.defaults();
        try {
            return new RecorderConfig(
                    c.integer("recorder.queue-capacity", d.queueCapacity(), 16, 65_536),
                    c.duration("recorder.reorder-window", d.reorderWindow(), Duration.ZERO, Duration.ofSeconds(2)),
                    c.duration(
                            "recorder.flush-interval",
                            d.flushInterval(),
                            Duration.ofMillis(10),
                            Duration.ofSeconds(10)),
                    c.duration("recorder.sync-interval", d.syncInterval(), Duration.ofMillis(100), Duration.ofHours(1)),
                    c.duration(
                            "recorder.max-cluster-duration",
                            d.maxClusterDuration(),
                            Duration.ofMillis(100),
                            Duration.ofSeconds(30)),
                    c.duration(
                            "recorder.keyframe-retry",
                            d.keyframeRetryInterval(),
                            Duration.ofMillis(100),
                            Duration.ofMinutes(1)),
                    c.integer("recorder.worker-threads", d.workerThreads(), 1, 256),
                    c.string("recorder.key-prefix", d.keyPrefix()),
                    c.string("recorder.instance-id", d.instanceId()));
        } catch (IllegalArgumentException e) {
            // RecorderConfig names the key in its message.
            throw new ConfigException("Invalid recorder configuration: " + e.getMessage());
        }
    }
}
