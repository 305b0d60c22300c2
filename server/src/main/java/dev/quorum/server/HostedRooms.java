package dev.quorum.server;

import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.room.Participant;
import dev.quorum.signaling.session.RoomDirectory;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.room.RoomRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Joins on a server that shares its database with others: a room lives on the media server that
 * created it (its host, in {@code room_hosts}), so a join for an in-progress room hosted elsewhere
 * is refused with 53104 and a message naming the server to connect to; any other join goes to
 * this server's engine (creating an ad hoc room here).
 */
final class HostedRooms implements RoomDirectory {

    private final RoomDirectory local;
    private final MetadataStore store;
    private final String instanceId;
    private final Executor blocking;

    HostedRooms(RoomDirectory local, MetadataStore store, String instanceId, Executor blocking) {
        this.local = local;
        this.store = store;
        this.instanceId = instanceId;
        this.blocking = blocking;
    }

    @Override
    public CompletionStage<Participant> join(
            String accountSid, String roomNameOrSid, String identity, Participant.Listener listener) {
        if (local.findRoom(accountSid, roomNameOrSid).isPresent()) {
            return local.join(accountSid, roomNameOrSid, identity, listener);
        }
        return CompletableFuture.supplyAsync(() -> elsewhere(accountSid, roomNameOrSid), blocking)
                .thenCompose(refusal -> refusal.isPresent()
                        ? CompletableFuture.<Participant>failedFuture(refusal.get())
                        : local.join(accountSid, roomNameOrSid, identity, listener));
    }

    @Override
    public CompletionStage<Participant> join(
            String accountSid,
            String uniqueName,
            RoomSettings settings,
            String identity,
            Participant.Listener listener) {
        if (local.findRoom(accountSid, uniqueName).isPresent()) {
            return local.join(accountSid, uniqueName, settings, identity, listener);
        }
        return CompletableFuture.supplyAsync(() -> elsewhere(accountSid, uniqueName), blocking)
                .thenCompose(refusal -> refusal.isPresent()
                        ? CompletableFuture.<Participant>failedFuture(refusal.get())
                        : local.join(accountSid, uniqueName, settings, identity, listener));
    }

    /** The refusal for a room in progress on another server, if it is one. */
    private Optional<RoomException> elsewhere(String accountSid, String roomNameOrSid) {
        Optional<RoomRecord> room = roomNameOrSid.regionMatches(true, 0, "RM", 0, 2) && roomNameOrSid.length() == 34
                ? store.rooms()
                        .find(
                                accountSid,
                                roomNameOrSid.toLowerCase(java.util.Locale.ROOT).replaceFirst("^rm", "RM"))
                        .filter(r -> "in-progress".equals(r.status()))
                : store.rooms().findInProgress(accountSid, roomNameOrSid);
        if (room.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> host = store.rooms().hostOf(room.get().sid());
        if (host.isEmpty() || host.get().equals(instanceId)) {
            return Optional.empty();
        }
        String location = store.nodes().find(host.get()).map(n -> n.publicUrl()).orElse(null);
        String at = location == null ? "" : " at " + location;
        return Optional.of(new RoomException(
                53104,
                "Unable to connect to Room: room '" + room.get().uniqueName() + "' ("
                        + room.get().sid() + ") is hosted by server '" + host.get() + "'" + at + "; connect there",
                location));
    }

    @Override
    public Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName) {
        return local.findRoom(accountSid, sidOrUniqueName);
    }
}
