package dev.quorum.composer;

import dev.quorum.composer.engine.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The composer's settings. The server maps its configuration keys onto this record; each
 * component is validated here with a message naming its key.
 *
 * @param workers           {@code composer.workers}: compositions processed at once (default 1);
 *                          0 leaves the queue to other servers
 * @param isolation         {@code composer.isolation}: {@code process} runs each composition in a
 *                          child JVM (default; a crash in native code fails only that job),
 *                          {@code in-process} runs it in the server's JVM
 * @param childJvmOptions   {@code composer.child-jvm-options}: options of the child JVM, separated
 *                          by spaces (default {@code -Xmx512m})
 * @param workDir           {@code composer.work-dir}: scratch space for outputs being written
 *                          (default {@code <data.dir>/composer})
 * @param instanceId        {@code composer.instance-id}: names this server's workers in the queue, so
 *                          at start it takes back the jobs it was running when it stopped (default
 *                          {@code local}; must differ between servers sharing a database)
 * @param pollInterval      {@code composer.poll-interval}: how often an idle worker looks for a ready
 *                          job (default 2 s)
 * @param heartbeatInterval {@code composer.heartbeat-interval}: how often a running job reports that
 *                          its worker is alive (default 10 s)
 * @param staleAfter        {@code composer.stale-after}: a job whose worker has not reported for this
 *                          long is given to another worker (default 2 min)
 * @param liveWorkers       {@code composer.live-workers}: compositions of rooms in progress composed
 *                          live at once, each on a thread of its own beside the workers (default 4);
 *                          0 composes every room after it ends
 * @param liveDelay         {@code composer.live-delay}: how far behind its room a live composition
 *                          stays (default 3 s): the time the recorder takes to reorder, write and
 *                          flush media, after which a track that has written nothing is taken as
 *                          silent or frozen
 * @param engine            encoding settings: {@code composer.frame-rate} (25),
 *                          {@code composer.video-bits-per-pixel} (0.1), {@code composer.audio-bitrate}
 *                          (128000), {@code composer.keyframe-interval} (2 s),
 *                          {@code composer.encoder-threads} (0: as the encoder sees fit)
 */
public record ComposerConfig(
        int workers,
        Isolation isolation,
        List<String> childJvmOptions,
        Path workDir,
        String instanceId,
        Duration pollInterval,
        Duration heartbeatInterval,
        Duration staleAfter,
        int liveWorkers,
        Duration liveDelay,
        EngineSettings engine) {

    /** Where compositions run. */
    public enum Isolation {
        PROCESS,
        IN_PROCESS;

        /** Parses {@code process} or {@code in-process}. */
        public static Isolation parse(String s) {
            return switch (s) {
                case "process" -> PROCESS;
                case "in-process" -> IN_PROCESS;
                default -> throw invalid("composer.isolation", s, "process or in-process");
            };
        }
    }

    public static final int DEFAULT_WORKERS = 1;
    public static final String DEFAULT_INSTANCE_ID = "local";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);
    public static final List<String> DEFAULT_CHILD_JVM_OPTIONS = List.of("-Xmx512m");
    public static final int DEFAULT_LIVE_WORKERS = 4;
    public static final Duration DEFAULT_LIVE_DELAY = Duration.ofSeconds(3);

    public ComposerConfig {
        if (workers < 0 || workers > 64) {
            throw invalid("composer.workers", workers, "an integer between 0 and 64");
        }
        Objects.requireNonNull(isolation, "composer.isolation");
        childJvmOptions = List.copyOf(childJvmOptions);
        for (String o : childJvmOptions) {
            if (!o.startsWith("-")) {
                throw invalid("composer.child-jvm-options", o, "JVM options, each starting with '-'");
            }
        }
        Objects.requireNonNull(workDir, "composer.work-dir");
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw invalid("composer.instance-id", instanceId, "1 to 64 letters, digits, '.', '_' or '-'");
        }
        requireBetween("composer.poll-interval", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(10));
        requireBetween("composer.heartbeat-interval", heartbeatInterval, Duration.ofMillis(10), Duration.ofMinutes(10));
        requireBetween("composer.stale-after", staleAfter, Duration.ofMillis(100), Duration.ofDays(1));
        if (staleAfter.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
            throw invalid(
                    "composer.stale-after",
                    staleAfter,
                    "at least three heartbeat intervals (" + heartbeatInterval.multipliedBy(3) + ")");
        }
        if (liveWorkers < 0 || liveWorkers > 64) {
            throw invalid("composer.live-workers", liveWorkers, "an integer between 0 and 64");
        }
        requireBetween("composer.live-delay", liveDelay, Duration.ofMillis(500), Duration.ofMinutes(1));
        Objects.requireNonNull(engine, "engine");
    }

    /** Every key at its default, scratch space under {@code dataDir}. */
    public static ComposerConfig defaults(Path dataDir) {
        return new ComposerConfig(
                DEFAULT_WORKERS,
                Isolation.PROCESS,
                DEFAULT_CHILD_JVM_OPTIONS,
                dataDir.resolve("composer"),
                DEFAULT_INSTANCE_ID,
                DEFAULT_POLL_INTERVAL,
                DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_STALE_AFTER,
                DEFAULT_LIVE_WORKERS,
                DEFAULT_LIVE_DELAY,
                EngineSettings.DEFAULT);
    }

    /**
     * Builds the engine settings from their keys, validating each.
     *
     * @throws IllegalArgumentException naming the key at fault
     */
    public static EngineSettings engine(
            int frameRate, double bitsPerPixel, int audioBitrate, Duration keyframeInterval, int encoderThreads) {
        if (frameRate < 1 || frameRate > 60) {
            throw invalid("composer.frame-rate", frameRate, "an integer between 1 and 60");
        }
        if (!(bitsPerPixel > 0 && bitsPerPixel <= 2)) {
            throw invalid("composer.video-bits-per-pixel", bitsPerPixel, "a number above 0 and at most 2");
        }
        if (audioBitrate < 16_000 || audioBitrate > 512_000) {
            throw invalid("composer.audio-bitrate", audioBitrate, "an integer between 16000 and 512000");
        }
        requireBetween("composer.keyframe-interval", keyframeInterval, Duration.ofSeconds(1), Duration.ofSeconds(60));
        if (encoderThreads < 0 || encoderThreads > 16) {
            throw invalid("composer.encoder-threads", encoderThreads, "an integer between 0 and 16");
        }
        return new EngineSettings(
                frameRate,
                bitsPerPixel,
                audioBitrate,
                (int) keyframeInterval.toSeconds(),
                encoderThreads,
                EngineSettings.DEFAULT.queueFrames(),
                EngineSettings.DEFAULT.holdMillis());
    }

    public ComposerConfig withWorkers(int n) {
        return new ComposerConfig(
                n,
                isolation,
                childJvmOptions,
                workDir,
                instanceId,
                pollInterval,
                heartbeatInterval,
                staleAfter,
                liveWorkers,
                liveDelay,
                engine);
    }

    public ComposerConfig withIsolation(Isolation i) {
        return new ComposerConfig(
                workers,
                i,
                childJvmOptions,
                workDir,
                instanceId,
                pollInterval,
                heartbeatInterval,
                staleAfter,
                liveWorkers,
                liveDelay,
                engine);
    }

    public ComposerConfig withTiming(Duration poll, Duration heartbeat, Duration stale) {
        return new ComposerConfig(
                workers,
                isolation,
                childJvmOptions,
                workDir,
                instanceId,
                poll,
                heartbeat,
                stale,
                liveWorkers,
                liveDelay,
                engine);
    }

    /** These settings with {@code n} live workers following rooms {@code delay} behind. */
    public ComposerConfig withLive(int n, Duration delay) {
        return new ComposerConfig(
                workers,
                isolation,
                childJvmOptions,
                workDir,
                instanceId,
                pollInterval,
                heartbeatInterval,
                staleAfter,
                n,
                delay,
                engine);
    }

    private static void requireBetween(String key, Duration d, Duration min, Duration max) {
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw invalid(key, d, "a duration between " + min + " and " + max);
        }
    }

    private static IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException("Invalid value '" + value + "' for " + key + ": expected " + expected);
    }
}
