package dev.quorum.signaling.token;

import dev.quorum.sfu.api.RoomInfo;
import java.time.Instant;

/**
 * A verified access token.
 *
 * @param apiKeySid  the key that signed it ({@code iss})
 * @param accountSid the account it acts for ({@code sub})
 * @param identity   {@code grants.identity}
 * @param room       {@code grants.video.room}: the one room (unique name or SID) it may join, or
 *                   null for any room of the account
 * @param expiresAt  {@code exp}
 * @param client     for an archive API client token, what it grants (its {@code apiKeySid} is
 *                   then the project, {@code identity} the new connection's UUID and {@code room}
 *                   the session ID); null for an access token
 */
public record AccessToken(
        String apiKeySid, String accountSid, String identity, String room, Instant expiresAt, ClientGrant client) {

    /** An access token (no client grant). */
    public AccessToken(String apiKeySid, String accountSid, String identity, String room, Instant expiresAt) {
        this(apiKeySid, accountSid, identity, room, expiresAt, null);
    }

    /** False only for a client token whose role may not publish ({@code subscriber}). */
    public boolean mayPublish() {
        return client == null || client.mayPublish();
    }

    /**
     * True if the token lets its holder into a room asked for by {@code requested} (a unique
     * name or SID), which resolves to {@code existing} if the room is in progress (null if not).
     */
    public boolean allowsRoom(String requested, RoomInfo existing) {
        if (room == null || room.equals(requested)) {
            return true;
        }
        return existing != null && (room.equals(existing.sid()) || room.equals(existing.uniqueName()));
    }
}
