package dev.quorum.recorder;

import java.time.Duration;
import java.util.Objects;

/**
 * The recorder's settings. The server maps its configuration keys onto this record; each
 * component is validated here with a message naming its key.
 *
 * @param queueCapacity         {@code recorder.queue-capacity}: packets queued per track between
 *                              the room's event loop and the recorder thread (default 2048); a
 *                              full queue drops and counts packets
 * @param reorderWindow         {@code recorder.reorder-window}: how long a missing packet is waited
 *                              for before it is declared lost (default 400 ms)
 * @param flushInterval         {@code recorder.flush-interval}: longest time written media stays
 *                              in the process before it is handed to the OS (default 500 ms); what
 *                              a killed process loses
 * @param syncInterval          {@code recorder.sync-interval}: how often open files are forced to
 *                              the disk (default 5 s); what a power cut loses
 * @param maxClusterDuration    {@code recorder.max-cluster-duration}: longest Matroska cluster
 *                              (default 5 s)
 * @param keyframeRetryInterval {@code recorder.keyframe-retry}: while waiting for a keyframe, how
 *                              often it is asked for again (default 1 s)
 * @param workerThreads         {@code recorder.worker-threads}: threads that write recordings
 *                              (default: half the processors, at least 1)
 * @param keyPrefix             {@code recorder.key-prefix}: media-store key prefix of recording
 *                              files (default {@code recordings})
 * @param instanceId            {@code recorder.instance-id}: names this server in the recordings
 *                              it writes, so recovery at start only finishes its own (default
 *                              {@code local}; must differ between servers sharing a database)
 */
public record RecorderConfig(
        int queueCapacity,
        Duration reorderWindow,
        Duration flushInterval,
        Duration syncInterval,
        Duration maxClusterDuration,
        Duration keyframeRetryInterval,
        int workerThreads,
        String keyPrefix,
        String instanceId) {

    public static final int DEFAULT_QUEUE_CAPACITY = 2048;
    public static final Duration DEFAULT_REORDER_WINDOW = Duration.ofMillis(400);
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_CLUSTER_DURATION = Duration.ofSeconds(5);
    public static final Duration DEFAULT_KEYFRAME_RETRY = Duration.ofSeconds(1);
    public static final String DEFAULT_KEY_PREFIX = "recordings";
    public static final String DEFAULT_INSTANCE_ID = "local";

    public RecorderConfig {
        if (queueCapacity < 16 || queueCapacity > 65_536) {
            throw invalid("recorder.queue-capacity", queueCapacity, "an integer between 16 and 65536");
        }
        requireBetween("recorder.reorder-window", reorderWindow, Duration.ZERO, Duration.ofSeconds(2));
        requireBetween("recorder.flush-interval", flushInterval, Duration.ofMillis(10), Duration.ofSeconds(10));
        requireBetween("recorder.sync-interval", syncInterval, Duration.ofMillis(100), Duration.ofHours(1));
        requireBetween(
                "recorder.max-cluster-duration", maxClusterDuration, Duration.ofMillis(100), Duration.ofSeconds(30));
        requireBetween("recorder.keyframe-retry", keyframeRetryInterval, Duration.ofMillis(100), Duration.ofMinutes(1));
        if (workerThreads < 1 || workerThreads > 256) {
            throw invalid("recorder.worker-threads", workerThreads, "an integer between 1 and 256");
        }
        if (keyPrefix == null || !keyPrefix.matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")) {
            throw invalid(
                    "recorder.key-prefix",
                    keyPrefix,
                    "path segments of letters, digits, '.', '_' or '-', not starting with '.', separated by '/'");
        }
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw invalid("recorder.instance-id", instanceId, "1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    /** Every key at its default. */
    public static RecorderConfig defaults() {
        return new RecorderConfig(
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_REORDER_WINDOW,
                DEFAULT_FLUSH_INTERVAL,
                DEFAULT_SYNC_INTERVAL,
                DEFAULT_MAX_CLUSTER_DURATION,
                DEFAULT_KEYFRAME_RETRY,
                defaultWorkerThreads(),
                DEFAULT_KEY_PREFIX,
                DEFAULT_INSTANCE_ID);
    }

    public static int defaultWorkerThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public RecorderConfig withQueueCapacity(int v) {
        return new RecorderConfig(
                v,
                reorderWindow,
                flushInterval,
                syncInterval,
                maxClusterDuration,
                keyframeRetryInterval,
                workerThreads,
                keyPrefix,
                instanceId);
    }

    public RecorderConfig withReorderWindow(Duration v) {
        return new RecorderConfig(
                queueCapacity,
                v,
                flushInterval,
                syncInterval,
                maxClusterDuration,
                keyframeRetryInterval,
                workerThreads,
                keyPrefix,
                instanceId);
    }

    public RecorderConfig withFlushInterval(Duration v) {
        return new RecorderConfig(
                queueCapacity,
                reorderWindow,
                v,
                syncInterval,
                maxClusterDuration,
                keyframeRetryInterval,
                workerThreads,
                keyPrefix,
                instanceId);
    }

    public RecorderConfig withWorkerThreads(int v) {
        return new RecorderConfig(
                queueCapacity,
                reorderWindow,
                flushInterval,
                syncInterval,
                maxClusterDuration,
                keyframeRetryInterval,
                v,
                keyPrefix,
                instanceId);
    }

    public RecorderConfig withInstanceId(String v) {
        return new RecorderConfig(
                queueCapacity,
                reorderWindow,
                flushInterval,
                syncInterval,
                maxClusterDuration,
                keyframeRetryInterval,
                workerThreads,
                keyPrefix,
                v);
    }

    private static void requireBetween(String key, Duration d, Duration min, Duration max) {
        Objects.requireNonNull(d, key);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw invalid(key, d, "a duration between " + min + " and " + max);
        }
    }

    private static IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException("Invalid value '" + value + "' for " + key + ": expected " + expected);
    }
}
