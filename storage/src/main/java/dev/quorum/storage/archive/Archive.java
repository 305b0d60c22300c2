package dev.quorum.storage.archive;

import java.time.Duration;
import java.time.Instant;

/**
 * An archive: a recording plan over one session's room (which streams, composed into one MP4 or
 * kept apart in a ZIP) and, once stopped, its output.
 *
 * @param roomSid               the room in progress when it started
 * @param name                  as given, or null
 * @param status                one of the status constants
 * @param reason                why it stopped or failed; empty otherwise
 * @param resolution            composed archives only, else null
 * @param layout                the layout in force, as JSON ({@code type}, {@code stylesheet},
 *                              {@code screenshareType}); composed archives only, else null
 * @param automatic             started by the session's {@code archiveMode=always}
 * @param dateRequested         when it was started (the start call, or the automatic start)
 * @param dateRecording         when recording effectively began (its first stream was
 *                              recorded); null until then. The origin of the manifest's offsets
 * @param dateStopped           when it stopped, or null
 * @param statusSince           when the current status began
 * @param recordedMs            time spent {@code started} (with recording begun) before
 *                              {@code statusSince}
 * @param sizeBytes             of the output; 0 until it exists
 * @param durationMs            from {@code dateRecording} (or the request) to the stop, once stopped
 * @param mediaKey              the output in the media store, once made
 * @param sha256                base64 SHA-256 of the output, once made
 * @param failure               what went wrong, for operators (the API shows {@code reason})
 * @param dateExpires           when an available archive's output is removed
 * @param dateDeleted           set when deleted
 */
public record Archive(
        String id,
        String projectId,
        String accountSid,
        String sessionId,
        String roomSid,
        String name,
        String status,
        String reason,
        String outputMode,
        String streamMode,
        boolean hasAudio,
        boolean hasVideo,
        String resolution,
        String layout,
        String multiArchiveTag,
        Integer maxBitrate,
        Integer quantizationParameter,
        boolean automatic,
        Instant dateRequested,
        Instant dateRecording,
        Instant dateStopped,
        Instant statusSince,
        long recordedMs,
        long sizeBytes,
        Long durationMs,
        String mediaKey,
        String sha256,
        String failure,
        Instant dateExpires,
        Instant dateUpdated,
        Instant dateDeleted) {

    public static final String STARTED = "started";
    public static final String PAUSED = "paused";
    public static final String STOPPED = "stopped";
    public static final String UPLOADED = "uploaded";
    public static final String AVAILABLE = "available";
    public static final String EXPIRED = "expired";
    public static final String FAILED = "failed";
    public static final String DELETED = "deleted";

    public static final String COMPOSED = "composed";
    public static final String INDIVIDUAL = "individual";
    public static final String AUTO = "auto";
    public static final String MANUAL = "manual";

    /** Still recording (started or paused). */
    public boolean recording() {
        return STARTED.equals(status) || PAUSED.equals(status);
    }

    public boolean composed() {
        return COMPOSED.equals(outputMode);
    }

    public boolean manualStreams() {
        return MANUAL.equals(streamMode);
    }

    /** Time spent recording streams up to {@code now}: the 4-hour limit counts this. */
    public Duration recordedAt(Instant now) {
        long ms = recordedMs;
        if (STARTED.equals(status) && dateRecording != null && now.isAfter(statusSince)) {
            ms += now.toEpochMilli() - statusSince.toEpochMilli();
        }
        return Duration.ofMillis(ms);
    }

    /** The origin of the archive's clock: when recording began, else when it was asked for. */
    public Instant createdAt() {
        return dateRecording != null ? dateRecording : dateRequested;
    }
}
