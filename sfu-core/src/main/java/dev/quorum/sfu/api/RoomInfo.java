package dev.quorum.sfu.api;

import java.time.Instant;

/**
 * A room's state as the REST API and callbacks show it.
 *
 * @param status    {@code in-progress}, {@code completed} or {@code failed}
 * @param endTime   null while in progress
 */
public record RoomInfo(
        String sid,
        String accountSid,
        String uniqueName,
        String status,
        Instant dateCreated,
        Instant endTime,
        RoomSettings settings) {

    public static final String IN_PROGRESS = "in-progress";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
}
