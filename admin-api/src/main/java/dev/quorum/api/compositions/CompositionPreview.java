package dev.quorum.api.compositions;

import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.Placement;
import dev.quorum.composer.layout.Rect;
import dev.quorum.composer.layout.RegionPlan;
import dev.quorum.composer.timeline.Span;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.room.TrackRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/Compositions/Preview} (our extension): where each video recording of a room
 * would be drawn by a composition with these parameters, without creating one. The parameters
 * are those of {@code POST /v1/Compositions} and are checked the same way (the same 400s); the
 * placements come from the composer's own layout engine ({@link CompositionPlanner}, the code a
 * composition job runs), over the room's recordings: completed ones as they are, those still
 * being recorded as if they ended now.
 */
public final class CompositionPreview {

    private final MetadataStore store;
    private final CallbackTargets targets;
    private final Clock clock;

    public CompositionPreview(MetadataStore store, CallbackTargets targets, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.clock = clock;
    }

    /** Registers before {@code /Compositions/:Sid}, which would otherwise take {@code Preview} for a SID. */
    public void register(ApiRouter api) {
        api.path("/Compositions/Preview").post(this::preview).done();
    }

    private void preview(Call call) {
        Params p = call.form();
        String roomSid = Sids.canonical(p.required("RoomSid"));
        if (!Sids.is(Sid.ROOM, roomSid)) {
            throw ApiException.invalid("RoomSid", "RoomSid must be a room SID (RM…), got '" + roomSid + "'");
        }
        CompositionRequest request = CompositionChecks.parse(p, false, targets).request();
        Optional<RoomRecord> room = store.rooms().find(call.account(), roomSid);
        if (room.isEmpty()) {
            throw ApiException.badRequest(
                    53106, "Room not found: RoomSid " + roomSid + " is not a room of this account");
        }
        List<Recording> recordings = store.recordings().ofRoom(roomSid);
        List<ParticipantRecord> participants = store.participants().ofRoom(roomSid);
        CompositionChecks.checkSources(
                request,
                roomSid,
                !RoomRecord.IN_PROGRESS.equals(room.get().status()),
                recordings,
                participants.stream().map(ParticipantRecord::sid).collect(Collectors.toSet()),
                store.tracks().ofRoom(roomSid).stream().map(TrackRecord::sid).collect(Collectors.toSet()));
        Map<String, String> identities = new HashMap<>();
        participants.forEach(pr -> identities.put(pr.sid(), pr.identity()));

        JsonObject out = new JsonObject()
                .put("room_sid", roomSid)
                .put("resolution", request.resolution().wireForm())
                .put("width", request.resolution().width())
                .put("height", request.resolution().height());
        CompositionPlan plan;
        try {
            plan = CompositionPlanner.plan(request, sources(recordings));
        } catch (InvalidCompositionException e) {
            // What a job would fail with now; the room may still record what the layout names.
            call.json(
                    200,
                    out.put("duration", 0)
                            .put("regions", new JsonArray())
                            .put("segments", new JsonArray())
                            .put("audio_sources", new JsonArray())
                            .put("note", e.getMessage()));
            return;
        }
        Map<Integer, String> regionNames = new HashMap<>();
        JsonArray regions = new JsonArray();
        for (RegionPlan r : plan.video().regions()) {
            regionNames.put(r.order(), r.region().name());
            regions.add(rect(new JsonObject().put("name", r.region().name()), r.bounds())
                    .put("z_pos", r.region().zPos())
                    .put("rows", r.grid().rows())
                    .put("columns", r.grid().columns()));
        }
        JsonArray audio = new JsonArray();
        plan.audioSources().forEach(s -> audio.add(source(new JsonObject(), s, identities)));
        call.json(
                200,
                out.put("duration", Math.round(plan.durationMs() / 1000.0))
                        .put("regions", regions)
                        .put("segments", segments(plan, regionNames, identities))
                        .put("audio_sources", audio)
                        .put("note", null));
    }

    /** The room's recordings as the planner sees them; no media is read, so no file is needed. */
    private List<SourceRecording> sources(List<Recording> recordings) {
        long now = clock.millis();
        List<SourceRecording> out = new ArrayList<>();
        for (Recording r : recordings) {
            TrackKind kind =
                    "audio".equals(r.type()) ? TrackKind.AUDIO : "video".equals(r.type()) ? TrackKind.VIDEO : null;
            boolean live = Recording.PROCESSING.equals(r.status());
            if (kind == null || !(live || Recording.COMPLETED.equals(r.status()))) {
                continue;
            }
            long offset = r.offsetMs() != null ? r.offsetMs() : r.dateCreated().toEpochMilli();
            long duration = live ? Math.max(0, now - offset) : r.durationMs() != null ? r.durationMs() : 0;
            out.add(new SourceRecording(
                    r.sid(),
                    r.sourceSid(),
                    r.participantSid(),
                    r.trackName(),
                    kind,
                    r.codec(),
                    Path.of(r.sid()),
                    offset,
                    duration));
        }
        return out;
    }

    /**
     * The output split where the placements change: each segment's start and end in output ms
     * and the boxes drawn through it, bottom first. Adjacent segments drawing the same are merged.
     */
    private static JsonArray segments(
            CompositionPlan plan, Map<Integer, String> regionNames, Map<String, String> identities) {
        long[] changes = plan.video().changes();
        List<long[]> bounds = new ArrayList<>();
        List<List<Placement>> drawn = new ArrayList<>();
        for (Span span : plan.timeline().spans()) {
            List<Long> starts = new ArrayList<>();
            starts.add(span.roomStartMs());
            for (long c : changes) {
                if (c > span.roomStartMs() && c < span.roomEndMs()) {
                    starts.add(c);
                }
            }
            for (int i = 0; i < starts.size(); i++) {
                long from = starts.get(i);
                long to = i + 1 < starts.size() ? starts.get(i + 1) : span.roomEndMs();
                List<Placement> at = plan.video().at(from);
                long outFrom = span.outputStartMs() + (from - span.roomStartMs());
                long outTo = span.outputStartMs() + (to - span.roomStartMs());
                if (!drawn.isEmpty()
                        && drawn.get(drawn.size() - 1).equals(at)
                        && bounds.get(bounds.size() - 1)[1] == outFrom) {
                    bounds.get(bounds.size() - 1)[1] = outTo;
                } else {
                    bounds.add(new long[] {outFrom, outTo});
                    drawn.add(at);
                }
            }
        }
        JsonArray out = new JsonArray();
        for (int i = 0; i < drawn.size(); i++) {
            JsonArray placements = new JsonArray();
            for (Placement pl : drawn.get(i)) {
                placements.add(rect(source(new JsonObject(), pl.source(), identities), pl.cell())
                        .put("region", regionNames.get(pl.regionOrder()))
                        .put("z_pos", pl.zPos())
                        .put("fit", pl.fit().name().toLowerCase(Locale.ROOT)));
            }
            out.add(new JsonObject()
                    .put("start_ms", bounds.get(i)[0])
                    .put("end_ms", bounds.get(i)[1])
                    .put("placements", placements));
        }
        return out;
    }

    private static JsonObject source(JsonObject o, SourceRecording s, Map<String, String> identities) {
        return o.put("recording_sid", s.recordingSid())
                .put("track_sid", s.trackSid())
                .put("track_name", s.trackName())
                .put("participant_sid", s.participantSid())
                .put("participant_identity", identities.get(s.participantSid()));
    }

    private static JsonObject rect(JsonObject o, Rect r) {
        return o.put("x", r.x()).put("y", r.y()).put("width", r.width()).put("height", r.height());
    }
}
