package dev.quorum.api.rooms;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.Sid;
import dev.quorum.storage.Cursor;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.room.ParticipantFilter;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/Rooms/{RoomSid}/Participants[/{Sid}]}. Connected and reconnecting participants come
 * from the SFU; disconnected ones from the store's history.
 */
public final class ParticipantsResource {

    private final MetadataStore store;
    private final RoomControl control;
    private final RoomLookup lookup;
    private final Clock clock;

    public ParticipantsResource(MetadataStore store, RoomControl control, RoomLookup lookup, Clock clock) {
        this.store = store;
        this.control = control;
        this.lookup = lookup;
        this.clock = clock;
    }

    public void register(ApiRouter api) {
        api.path("/Rooms/:RoomSid/Participants").get(this::list).done();
        api.path("/Rooms/:RoomSid/Participants/:Sid")
                .get(this::fetch)
                .post(this::update)
                .done();
    }

    private void list(Call call) {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        String status = q.oneOf("Status", List.of("connected", "reconnecting", "disconnected"));
        if (status == null) {
            status = room.status().equals("in-progress") ? "connected" : "disconnected";
        }
        String identity = q.string("Identity");
        Instant after = q.date("DateCreatedAfter");
        Instant before = q.date("DateCreatedBefore");
        Page<ParticipantRecord> result;
        if (status.equals("disconnected")) {
            result = store.participants()
                    .list(
                            call.account(),
                            room.sid(),
                            new ParticipantFilter(status, identity, after, before),
                            page.cursor(),
                            page.pageSize());
        } else {
            String wanted = status;
            List<ParticipantRecord> live = live(call.account(), room.sid()).stream()
                    .filter(p -> p.status().equals(wanted))
                    .filter(p -> identity == null || p.identity().equals(identity))
                    .filter(p -> after == null || !p.dateCreated().isBefore(after))
                    .filter(p -> before == null || p.dateCreated().isBefore(before))
                    .sorted(Comparator.comparing(ParticipantRecord::dateCreated)
                            .thenComparing(ParticipantRecord::sid)
                            .reversed())
                    .toList();
            result = Paging.slice(
                    live, p -> new Cursor(p.dateCreated().toEpochMilli(), p.sid()), page.cursor(), page.pageSize());
        }
        JsonArray items = new JsonArray();
        result.items().forEach(p -> items.add(ParticipantView.of(p, call.baseUrl())));
        String path = "/v1/Rooms/" + call.pathParam("RoomSid") + "/Participants";
        call.json(
                200,
                Paging.list(
                        "participants",
                        items,
                        Paging.meta("participants", call.baseUrl(), path, q, page, result.next())));
    }

    private void fetch(Call call) {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        call.json(200, ParticipantView.of(require(call, room), call.baseUrl()));
    }

    private void update(Call call) throws Exception {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        ParticipantRecord p = require(call, room);
        String status = call.form().oneOf("Status", List.of("disconnected", "connected"));
        if (status == null) {
            throw ApiException.invalid("Status", "Missing required parameter Status (disconnected)");
        }
        if (status.equals("connected")) {
            if (!p.status().equals("disconnected")) {
                call.json(202, ParticipantView.of(p, call.baseUrl()));
                return;
            }
            throw ApiException.invalid("Status", "Status can only be set to disconnected");
        }
        if (p.status().equals("disconnected")) {
            call.json(202, ParticipantView.of(p, call.baseUrl()));
            return;
        }
        ParticipantInfo gone;
        try {
            gone = control.disconnectParticipant(call.account(), room.sid(), p.sid());
        } catch (RoomException e) {
            throw RoomLookup.refused(e, call.path());
        }
        ParticipantRecord record = RoomRecords.participant(gone, clock.instant());
        store.participants().upsert(record);
        call.json(
                202,
                ParticipantView.of(
                        store.participants()
                                .find(call.account(), room.sid(), p.sid())
                                .orElse(record),
                        call.baseUrl()));
    }

    /** A participant by SID (live or past) or by identity (connected only), or 404. */
    ParticipantRecord require(Call call, RoomRecord room) {
        String key = Sids.canonical(call.pathParam("Sid"));
        List<ParticipantRecord> live = live(call.account(), room.sid());
        Optional<ParticipantRecord> found;
        if (Sids.is(Sid.PARTICIPANT, key)) {
            found = live.stream()
                    .filter(p -> p.sid().equals(key))
                    .findFirst()
                    .or(() -> store.participants().find(call.account(), room.sid(), key));
        } else {
            found = live.stream()
                    .filter(p -> p.identity().equals(key) && !p.status().equals("disconnected"))
                    .findFirst();
        }
        return found.orElseThrow(() -> ApiException.notFound(call.path()));
    }

    private List<ParticipantRecord> live(String account, String roomSid) {
        Instant now = clock.instant();
        return control.participants(account, roomSid).stream()
                .map(p -> RoomRecords.participant(p, now))
                .toList();
    }
}
