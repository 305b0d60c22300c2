package dev.quorum.storage.room;

import java.time.Instant;

/**
 * A participant as stored: the history of who was in a room.
 *
 * @param status  {@code connected}, {@code reconnecting} or {@code disconnected}
 * @param endTime null until disconnected
 */
public record ParticipantRecord(
        String sid,
        String roomSid,
        String accountSid,
        String identity,
        String status,
        Instant startTime,
        Instant endTime,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final String CONNECTED = "connected";
    public static final String RECONNECTING = "reconnecting";
    public static final String DISCONNECTED = "disconnected";
}
