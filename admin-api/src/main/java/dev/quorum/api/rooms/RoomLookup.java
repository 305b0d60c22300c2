package dev.quorum.api.rooms;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.Sids;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.Sid;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.room.RoomRecord;
import java.time.Clock;
import java.util.Optional;

/**
 * Finds a room of the caller's account by SID (any status) or by unique name (in-progress only),
 * asking the SFU for live rooms and the store for the rest. The stored row carries what the SFU
 * does not (current recording rules, pause state); the SFU's snapshot wins on status.
 */
public final class RoomLookup {

    private final MetadataStore store;
    private final RoomControl control;
    private final Clock clock;

    public RoomLookup(MetadataStore store, RoomControl control, Clock clock) {
        this.store = store;
        this.control = control;
        this.clock = clock;
    }

    public Optional<RoomRecord> find(String account, String sidOrName) {
        String key = Sids.canonical(sidOrName);
        Optional<RoomInfo> live = control.findRoom(account, key);
        if (Sids.is(Sid.ROOM, key)) {
            Optional<RoomRecord> stored = store.rooms().find(account, key);
            if (stored.isPresent()) {
                return stored.map(
                        r -> live.isPresent() && !live.get().status().equals(r.status()) && r.endTime() == null
                                ? withStatus(r, live.get())
                                : r);
            }
            return live.map(l -> RoomRecords.room(l, clock.instant()));
        }
        if (live.isPresent()) {
            return Optional.of(store.rooms()
                    .find(account, live.get().sid())
                    .orElseGet(() -> RoomRecords.room(live.get(), clock.instant())));
        }
        return store.rooms().findInProgress(account, key);
    }

    /** The room, or 404 naming the path. */
    public RoomRecord require(String account, String sidOrName, String path) {
        return find(account, sidOrName).orElseThrow(() -> ApiException.notFound(path));
    }

    /** True if the SFU has the room live right now. */
    public boolean isLive(String account, String roomSid) {
        return control.findRoom(account, roomSid).isPresent();
    }

    private static RoomRecord withStatus(RoomRecord r, RoomInfo live) {
        return new RoomRecord(
                r.sid(),
                r.accountSid(),
                r.uniqueName(),
                live.status(),
                r.type(),
                r.statusCallback(),
                r.statusCallbackMethod(),
                r.maxParticipants(),
                r.maxParticipantDuration(),
                r.emptyRoomTimeout(),
                r.unusedRoomTimeout(),
                r.videoCodecs(),
                r.recordParticipantsOnConnect(),
                r.recordingRulesJson(),
                r.recordingPaused(),
                r.audioOnly(),
                r.mediaRegion(),
                r.largeRoom(),
                r.dateCreated(),
                r.dateUpdated(),
                live.endTime());
    }

    /** A refusal of the SFU as an API error: 53106 (room not found) is a 404, the rest 400. */
    public static ApiException refused(RoomException e, String path) {
        if (e.code() == 53106) {
            return new ApiException(404, 20404, e.getMessage() + " (" + path + ")");
        }
        return ApiException.badRequest(e.code(), e.getMessage());
    }
}
