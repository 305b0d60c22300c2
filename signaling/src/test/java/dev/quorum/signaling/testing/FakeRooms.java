package dev.quorum.signaling.testing;

import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.room.Participant;
import dev.quorum.signaling.session.RoomDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Rooms that exist once joined; joins succeed unless a refusal is set. */
public final class FakeRooms implements RoomDirectory {

    public final Map<String, RoomInfo> rooms = new ConcurrentHashMap<>();
    public final List<FakeParticipant> joined = new CopyOnWriteArrayList<>();
    public volatile RoomException refusal;
    public volatile RoomSettings settings = RoomSettings.defaults(false);

    @Override
    public CompletionStage<Participant> join(
            String accountSid, String roomNameOrSid, String identity, Participant.Listener listener) {
        if (refusal != null) {
            return CompletableFuture.failedFuture(refusal);
        }
        RoomInfo room = rooms.computeIfAbsent(
                accountSid + "/" + roomNameOrSid,
                k -> new RoomInfo(
                        Sid.generate(Sid.ROOM),
                        accountSid,
                        roomNameOrSid,
                        RoomInfo.IN_PROGRESS,
                        Instant.EPOCH,
                        null,
                        settings));
        FakeParticipant p = new FakeParticipant(identity, room, listener);
        joined.add(p);
        return CompletableFuture.completedFuture(p);
    }

    /** A session's room: created with the given settings when there is none. */
    @Override
    public CompletionStage<Participant> join(
            String accountSid,
            String uniqueName,
            RoomSettings roomSettings,
            String identity,
            Participant.Listener listener) {
        if (refusal != null) {
            return CompletableFuture.failedFuture(refusal);
        }
        rooms.computeIfAbsent(
                accountSid + "/" + uniqueName,
                k -> new RoomInfo(
                        Sid.generate(Sid.ROOM),
                        accountSid,
                        uniqueName,
                        RoomInfo.IN_PROGRESS,
                        Instant.EPOCH,
                        null,
                        roomSettings));
        return join(accountSid, uniqueName, identity, listener);
    }

    @Override
    public Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName) {
        return rooms.values().stream()
                .filter(r -> r.accountSid().equals(accountSid)
                        && (r.sid().equals(sidOrUniqueName) || sidOrUniqueName.equals(r.uniqueName())))
                .findFirst();
    }

    public FakeParticipant last() {
        return joined.get(joined.size() - 1);
    }
}
