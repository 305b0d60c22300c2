package dev.quorum.api.rooms;

import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.room.RoomFilter;
import dev.quorum.storage.room.RoomRecord;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.util.List;

/** {@code /v1/Rooms} and {@code /v1/Rooms/{Sid}}: create, list, fetch, complete. */
public final class RoomsResource {

    private final MetadataStore store;
    private final RoomControl control;
    private final RoomLookup lookup;
    private final Clock clock;
    private final CallbackTargets targets;

    public RoomsResource(
            MetadataStore store, RoomControl control, RoomLookup lookup, Clock clock, CallbackTargets targets) {
        this.targets = targets;
        this.store = store;
        this.control = control;
        this.lookup = lookup;
        this.clock = clock;
    }

    public void register(ApiRouter api) {
        api.path("/Rooms").post(this::create).get(this::list).done();
        api.path("/Rooms/:Sid").get(this::fetch).post(this::update).done();
    }

    private void create(Call call) throws Exception {
        Account account = store.accounts().find(call.account()).orElseThrow(ApiException::unauthorized);
        RoomParams.Create req = RoomParams.parse(call.form(), account, targets);
        RoomInfo room;
        try {
            room = control.createRoom(call.account(), req.uniqueName(), req.settings());
        } catch (RoomException e) {
            throw RoomLookup.refused(e, call.path());
        }
        // Stored before answering, so the room is in the history even if the server stops now.
        RoomRecord record = RoomRecords.room(room, clock.instant());
        store.rooms().upsert(record);
        call.json(
                201, RoomView.of(store.rooms().find(call.account(), room.sid()).orElse(record), call.baseUrl()));
    }

    private void list(Call call) {
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        String status = q.oneOf("Status", List.of("in-progress", "completed", "failed"));
        RoomFilter f = new RoomFilter(
                status == null ? "in-progress" : status,
                q.string("UniqueName"),
                q.date("DateCreatedAfter"),
                q.date("DateCreatedBefore"));
        Page<RoomRecord> rooms = store.rooms().list(call.account(), f, page.cursor(), page.pageSize());
        JsonArray items = new JsonArray();
        rooms.items().forEach(r -> items.add(RoomView.of(r, call.baseUrl())));
        call.json(
                200,
                Paging.list("rooms", items, Paging.meta("rooms", call.baseUrl(), "/v1/Rooms", q, page, rooms.next())));
    }

    private void fetch(Call call) {
        call.json(200, RoomView.of(lookup.require(call.account(), call.pathParam("Sid"), call.path()), call.baseUrl()));
    }

    private void update(Call call) throws Exception {
        RoomRecord room = lookup.require(call.account(), call.pathParam("Sid"), call.path());
        String status;
        try {
            status = call.form().oneOf("Status", List.of("completed", "in-progress", "failed"));
        } catch (ApiException e) {
            throw ApiException.badRequest(53112, "Status is invalid: " + e.getMessage());
        }
        if (status == null) {
            throw ApiException.badRequest(53112, "Status is invalid: the Status parameter is required (completed)");
        }
        if (status.equals(room.status())) {
            call.json(202, RoomView.of(room, call.baseUrl()));
            return;
        }
        if (!status.equals("completed") || !room.status().equals("in-progress")) {
            throw ApiException.badRequest(53112, "Status is invalid: an in-progress room can only be set to completed");
        }
        RoomInfo ended;
        try {
            ended = control.completeRoom(call.account(), room.sid());
        } catch (RoomException e) {
            throw RoomLookup.refused(e, call.path());
        }
        store.rooms().upsert(RoomRecords.room(ended, clock.instant()));
        store.rooms().end(room.sid(), ended.status(), ended.endTime() != null ? ended.endTime() : clock.instant());
        call.json(
                202, RoomView.of(store.rooms().find(call.account(), room.sid()).orElseThrow(), call.baseUrl()));
    }
}
