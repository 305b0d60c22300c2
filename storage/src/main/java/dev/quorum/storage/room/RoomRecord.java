package dev.quorum.storage.room;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A room as stored: its settings, status and times. In-progress rooms are also live in the SFU;
 * the stored copy is what survives them.
 *
 * @param status             {@code in-progress}, {@code completed} or {@code failed}
 * @param videoCodecs        {@code VP8}, {@code H264}…
 * @param recordingRulesJson the current recording rules as the JSON array the API shows
 * @param recordingPaused    whether recording is paused (our pause/resume extension)
 * @param endTime            null while in progress
 */
public record RoomRecord(
        String sid,
        String accountSid,
        String uniqueName,
        String status,
        String type,
        String statusCallback,
        String statusCallbackMethod,
        int maxParticipants,
        Duration maxParticipantDuration,
        Duration emptyRoomTimeout,
        Duration unusedRoomTimeout,
        List<String> videoCodecs,
        boolean recordParticipantsOnConnect,
        String recordingRulesJson,
        boolean recordingPaused,
        boolean audioOnly,
        String mediaRegion,
        boolean largeRoom,
        Instant dateCreated,
        Instant dateUpdated,
        Instant endTime) {

    public static final String IN_PROGRESS = "in-progress";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public RoomRecord {
        videoCodecs = List.copyOf(videoCodecs);
    }
}
