package dev.quorum.signaling.session;

import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.room.Participant;
import dev.quorum.sfu.room.Rooms;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The part of the forwarding engine ({@code dev.quorum.sfu.room.Rooms}) signaling needs: joining
 * and looking a room up for the token's room grant.
 */
public interface RoomDirectory {

    /**
     * Joins (creating an ad hoc room on first use).
     *
     * @return fails with a {@link dev.quorum.sfu.api.RoomException} carrying the hosted error code
     */
    CompletionStage<Participant> join(
            String accountSid, String roomNameOrSid, String identity, Participant.Listener listener);

    /** An in-progress room by SID or unique name. */
    Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName);

    /**
     * Joins the in-progress room named {@code uniqueName}, creating it with {@code settings} when
     * there is none (a session's room: its settings come from the session, not the account).
     */
    CompletionStage<Participant> join(
            String accountSid,
            String uniqueName,
            RoomSettings settings,
            String identity,
            Participant.Listener listener);

    /** A server without a rooms engine: every join is refused with 53104. */
    static RoomDirectory unavailable() {
        return new RoomDirectory() {
            @Override
            public CompletionStage<Participant> join(
                    String accountSid, String roomNameOrSid, String identity, Participant.Listener listener) {
                return CompletableFuture.failedFuture(
                        new RoomException(53104, "Unable to connect to Room: this server hosts no rooms"));
            }

            @Override
            public CompletionStage<Participant> join(
                    String accountSid,
                    String uniqueName,
                    RoomSettings settings,
                    String identity,
                    Participant.Listener listener) {
                return join(accountSid, uniqueName, identity, listener);
            }

            @Override
            public Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName) {
                return Optional.empty();
            }
        };
    }

    /** The engine's registry as a directory. */
    static RoomDirectory of(Rooms rooms) {
        return new RoomDirectory() {
            @Override
            public CompletionStage<Participant> join(
                    String accountSid, String roomNameOrSid, String identity, Participant.Listener listener) {
                return rooms.join(accountSid, roomNameOrSid, identity, listener);
            }

            @Override
            public Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName) {
                return rooms.findRoom(accountSid, sidOrUniqueName);
            }

            @Override
            public CompletionStage<Participant> join(
                    String accountSid,
                    String uniqueName,
                    RoomSettings settings,
                    String identity,
                    Participant.Listener listener) {
                if (rooms.findRoom(accountSid, uniqueName).isEmpty()) {
                    try {
                        rooms.createRoom(accountSid, uniqueName, settings);
                    } catch (RoomException e) {
                        if (e.code() != 53113) { // 53113: another client created it meanwhile; join that one
                            return CompletableFuture.failedFuture(e);
                        }
                    }
                }
                return rooms.join(accountSid, uniqueName, identity, listener);
            }
        };
    }
}
