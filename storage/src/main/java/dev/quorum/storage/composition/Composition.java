package dev.quorum.storage.composition;

import java.time.Instant;

/**
 * A composition and its place in the job queue.
 *
 * @param hookSid       the hook that created it, or null
 * @param status        {@link #ENQUEUED}, {@link #PROCESSING}, {@link #COMPLETED}, {@link #DELETED}
 *                      or {@link #FAILED}
 * @param progress      percentage done (0–100) as last reported by the worker
 * @param durationMs    the output's duration once completed
 * @param bitrate       the output's average bit rate in kbps once completed
 * @param mediaKey      the output file's key in the media store once completed
 * @param claimedBy     the worker processing it, or null
 * @param heartbeatAt   when that worker last reported, or null
 * @param attempts      how many times a worker claimed it
 * @param window        the stretch of the room it covers, or null for the whole room (from its
 *                      first recorded media, once the room has ended)
 * @param archiveId     the archive it makes the output of, or null: it is then made of that
 *                      archive's recordings only, and the Compositions API does not show it
 */
public record Composition(
        String sid,
        String accountSid,
        String roomSid,
        String hookSid,
        String status,
        CompositionSpec spec,
        int progress,
        Long durationMs,
        Long sizeBytes,
        Integer bitrate,
        String mediaKey,
        String mediaExternalLocation,
        String failureReason,
        String claimedBy,
        Instant heartbeatAt,
        int attempts,
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateStarted,
        Instant dateCompleted,
        Instant dateDeleted,
        CompositionWindow window,
        String archiveId) {

    public static final String ENQUEUED = "enqueued";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String DELETED = "deleted";
    public static final String FAILED = "failed";
}
