package dev.quorum.api.rooms;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Dates;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.room.RoomRecord;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code /v1/Rooms/{RoomSid}/RecordingRules} (GET, POST = replace) and our pause/resume extension
 * {@code /v1/Rooms/{RoomSid}/Recording} (GET, POST {@code Status=paused|in-progress}).
 */
public final class RecordingRulesResource {

    private final MetadataStore store;
    private final RoomControl control;
    private final RoomLookup lookup;

    public RecordingRulesResource(MetadataStore store, RoomControl control, RoomLookup lookup) {
        this.store = store;
        this.control = control;
        this.lookup = lookup;
    }

    public void register(ApiRouter api) {
        api.path("/Rooms/:RoomSid/RecordingRules")
                .get(this::fetch)
                .post(this::replace)
                .done();
        api.path("/Rooms/:RoomSid/Recording")
                .get(this::recordingState)
                .post(this::pauseOrResume)
                .done();
    }

    private void fetch(Call call) throws Exception {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        List<RecordingRule> rules = lookup.isLive(call.account(), room.sid())
                ? control.recordingRules(call.account(), room.sid())
                : RulesCodec.fromStored(room.recordingRulesJson());
        call.json(200, view(room, rules));
    }

    private void replace(Call call) throws Exception {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        String json = call.form().string("Rules");
        if (json == null) {
            throw ApiException.badRequest(
                    ApiException.INVALID_RECORDING_RULES, "Invalid Recording Rule(s): the Rules parameter is required");
        }
        List<RecordingRule> rules = RulesCodec.parse("Rules", json);
        if (!room.status().equals("in-progress")) {
            throw ApiException.badRequest(
                    53118, "Room completed: recording rules can only change while the room is in progress");
        }
        try {
            control.setRecordingRules(call.account(), room.sid(), rules);
        } catch (RoomException e) {
            throw RoomLookup.refused(e, call.path());
        }
        store.rooms().setRecordingRules(room.sid(), RulesCodec.toJson(rules).encode());
        call.json(200, view(store.rooms().find(call.account(), room.sid()).orElse(room), rules));
    }

    private static JsonObject view(RoomRecord room, List<RecordingRule> rules) {
        return new JsonObject()
                .put("room_sid", room.sid())
                .put("rules", RulesCodec.toJson(rules))
                .put("date_created", Dates.iso(room.dateCreated()))
                .put("date_updated", Dates.iso(room.dateUpdated()));
    }

    private void recordingState(Call call) {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        call.json(200, recordingView(room, call.baseUrl()));
    }

    private void pauseOrResume(Call call) throws Exception {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        String status = call.form().oneOf("Status", List.of("paused", "in-progress"));
        if (status == null) {
            throw ApiException.invalid("Status", "Missing required parameter Status (paused or in-progress)");
        }
        if (!room.status().equals("in-progress")) {
            throw ApiException.badRequest(
                    53118, "Room completed: recording can only be paused or resumed while the room is in progress");
        }
        boolean paused = status.equals("paused");
        try {
            control.setRecordingPaused(call.account(), room.sid(), paused);
        } catch (RoomException e) {
            throw RoomLookup.refused(e, call.path());
        }
        store.rooms().setRecordingPaused(room.sid(), paused);
        call.json(
                200,
                recordingView(store.rooms().find(call.account(), room.sid()).orElse(room), call.baseUrl()));
    }

    private static JsonObject recordingView(RoomRecord room, String baseUrl) {
        return new JsonObject()
                .put("room_sid", room.sid())
                .put("status", room.recordingPaused() ? "paused" : "in-progress")
                .put("date_updated", Dates.iso(room.dateUpdated()))
                .put("url", baseUrl + "/v1/Rooms/" + room.sid() + "/Recording");
    }
}
