package dev.quorum.server.config;

import dev.quorum.composer.ComposerConfig;
import dev.quorum.composer.engine.EngineSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Reads the {@code composer.*} keys (docs/configuration.md, "Composer"). */
public final class ComposerConfigs {

    private ComposerConfigs() {}

    public static ComposerConfig from(ServerConfig server, ConfigSource c) {
        ComposerConfig d = ComposerConfig.defaults(server.dataDir());
        EngineSettings e = d.engine();
        try {
            String options = c.string("composer.child-jvm-options", String.join(" ", d.childJvmOptions()));
            EngineSettings engine = ComposerConfig.engine(
                    c.integer("composer.frame-rate", e.frameRate(), 1, 60),
                    bitsPerPixel(c, e.bitsPerPixel()),
                    c.integer("composer.audio-bitrate", e.audioBitrate(), 16_000, 512_000),
                    c.duration(
                            "composer.keyframe-interval",
                            Duration.ofSeconds(e.keyframeSeconds()),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(60)),
                    c.integer("composer.encoder-threads", e.encoderThreads(), 0, 16));
            return new ComposerConfig(
                    c.integer("composer.workers", d.workers(), 0, 64),
                    isolation(c),
                    Arrays.stream(options.trim().split("\\s+"))
                            .filter(s -> !s.isEmpty())
                            .toList(),
                    c.path("composer.work-dir", d.workDir()).toAbsolutePath().normalize(),
                    c.string("composer.instance-id", c.string("recorder.instance-id", d.instanceId())),
                    c.duration(
                            "composer.poll-interval", d.pollInterval(), Duration.ofMillis(10), Duration.ofMinutes(10)),
                    c.duration(
                            "composer.heartbeat-interval",
                            d.heartbeatInterval(),
                            Duration.ofMillis(10),
                            Duration.ofMinutes(10)),
                    c.duration("composer.stale-after", d.staleAfter(), Duration.ofMillis(100), Duration.ofDays(1)),
                    c.integer("composer.live-workers", d.liveWorkers(), 0, 64),
                    c.duration("composer.live-delay", d.liveDelay(), Duration.ofMillis(500), Duration.ofMinutes(1)),
                    engine);
        } catch (IllegalArgumentException ex) {
            // ComposerConfig names the key in its message.
            throw new ConfigException("Invalid composer configuration: " + ex.getMessage());
        }
    }

    private static ComposerConfig.Isolation isolation(ConfigSource c) {
        return ComposerConfig.Isolation.parse(
                c.choice("composer.isolation", "process", List.of("process", "in-process")));
    }

    private static double bitsPerPixel(ConfigSource c, double defaultValue) {
        String v = c.string("composer.video-bits-per-pixel", "");
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException ex) {
            throw c.invalid("composer.video-bits-per-pixel", v, "a number above 0 and at most 2");
        }
    }
}
