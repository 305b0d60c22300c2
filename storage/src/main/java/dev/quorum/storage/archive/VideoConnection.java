package dev.quorum.storage.archive;

import java.time.Instant;
import java.util.List;

/**
 * A client that joined a session with a client token: the participant it became and what its
 * token said.
 *
 * @param connectionId  a UUID, also the participant's identity
 * @param role          {@code publisher}, {@code publisheronly}, {@code subscriber} or {@code moderator}
 * @param data          the token's connection data, or null
 * @param layoutClasses the token's initial layout classes, given to every stream it publishes
 */
public record VideoConnection(
        String connectionId,
        String sessionId,
        String roomSid,
        String participantSid,
        String role,
        String data,
        List<String> layoutClasses,
        Instant dateCreated) {

    public VideoConnection {
        layoutClasses = List.copyOf(layoutClasses);
    }
}
