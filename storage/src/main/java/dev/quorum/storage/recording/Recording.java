package dev.quorum.storage.recording;

import java.time.Instant;

/**
 * One recorded track: one file in the media store.
 *
 * @param type                  {@code audio} or {@code video}
 * @param codec                 {@code OPUS}, {@code PCMU}, {@code VP8}, {@code VP9}, {@code H264}
 * @param containerFormat       {@code mka} (audio) or {@code mkv} (video)
 * @param status                {@link #PROCESSING}, {@link #COMPLETED}, {@link #DELETED} or
 *                              {@link #FAILED}
 * @param offsetMs              the recording's start on the common timeline all recordings share
 *                              (milliseconds), or null until known
 * @param durationMs            null until completed
 * @param sizeBytes             bytes written so far (at the last flush) or in total once completed
 * @param mediaKey              the file's key in the media store, or null if it has none
 * @param statusCallback        the room's status callback when the recording started, or null
 * @param writerNode            the server instance writing the file (crash recovery), or null
 * @param lastFlushAt           when the writer last made the file durable, or null
 * @param failureReason         why it failed, or null
 * @param packetsLost           packets the recorder waited for in vain (sequence gaps), or null
 *                              until it stored its counts on completion
 * @param packetsDropped        packets that reached the recorder but were not written (queue
 *                              overflow, malformed, before the first keyframe…), or null until
 *                              completion
 */
public record Recording(
        String sid,
        String accountSid,
        String roomSid,
        String participantSid,
        String sourceSid,
        String trackName,
        String type,
        String codec,
        String containerFormat,
        String status,
        Long offsetMs,
        Long durationMs,
        Long sizeBytes,
        String mediaKey,
        String mediaExternalLocation,
        String statusCallback,
        String statusCallbackMethod,
        String writerNode,
        Instant lastFlushAt,
        String failureReason,
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateCompleted,
        Instant dateDeleted,
        Long packetsLost,
        Long packetsDropped) {

    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String DELETED = "deleted";
    public static final String FAILED = "failed";
}
