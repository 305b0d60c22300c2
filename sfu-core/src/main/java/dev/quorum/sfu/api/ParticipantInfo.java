package dev.quorum.sfu.api;

import java.time.Instant;

/**
 * A participant's state as the REST API and callbacks show it.
 *
 * @param status  {@code connected}, {@code reconnecting} or {@code disconnected}
 * @param endTime null until disconnected
 */
public record ParticipantInfo(
        String sid,
        String roomSid,
        String accountSid,
        String identity,
        String status,
        Instant startTime,
        Instant endTime) {

    public static final String CONNECTED = "connected";
    public static final String RECONNECTING = "reconnecting";
    public static final String DISCONNECTED = "disconnected";
}
