package dev.quorum.signaling.token;

import dev.quorum.sfu.api.RoomSettings;
import java.security.PublicKey;
import java.util.Optional;

/**
 * What checking an archive API client token needs to look up: the signing project's key and the
 * session the token names. The server backs it with the metadata store. Thread-safe; may block
 * briefly (once per join).
 */
public interface ClientTokenKeys {

    /**
     * A project able to sign client tokens.
     *
     * @param id        the API key (decimal) or application UUID (lower case)
     * @param hmacKey   an OpenTok project's secret (the HMAC key of {@code T1} tokens), or null
     * @param publicKey an application's RSA key (verifies RS256 tokens), or null
     */
    record Project(String id, String accountSid, String hmacKey, PublicKey publicKey) {}

    /**
     * A session tokens may name.
     *
     * @param roomSettings the settings its room is created with by the first join
     */
    record Session(String sessionId, String projectId, String accountSid, RoomSettings roomSettings) {}

    Optional<Project> project(String id);

    Optional<Session> session(String sessionId);

    /**
     * A client joined a session's room with a client token.
     *
     * @param connectionId the participant's identity, the connection's UUID
     */
    void joined(ClientGrant grant, String connectionId, String roomSid, String participantSid);
}
