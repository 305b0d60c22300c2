package dev.quorum.api.compositions;

import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.api.media.MediaLinks;
import dev.quorum.api.media.StoredMedia;
import dev.quorum.sfu.api.Sid;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionFilter;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.room.TrackRecord;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/Compositions[/{Sid}[/Media]]}. Creating one validates everything up front and queues
 * it ({@code enqueued}); the composer's workers take it from the queue once its room has ended.
 */
public final class CompositionsResource {

    private static final Logger LOG = LoggerFactory.getLogger(CompositionsResource.class);
    private static final List<String> STATUSES = List.of("enqueued", "processing", "completed", "deleted", "failed");

    private final MetadataStore store;
    private final MediaStore media;
    private final MediaLinks links;
    private final StoredMedia stored;
    private final Runnable onEnqueued;
    private final CallbackTargets targets;

    /** @param onEnqueued told after a composition is queued (e.g. to refresh the queue-depth gauge) */
    public CompositionsResource(
            MetadataStore store,
            MediaStore media,
            MediaLinks links,
            Runnable onEnqueued,
            CallbackTargets targets,
            StoredMedia stored) {
        this.targets = targets;
        this.stored = stored;
        this.store = store;
        this.media = media;
        this.links = links;
        this.onEnqueued = onEnqueued;
    }

    public void register(ApiRouter api) {
        api.path("/Compositions").post(this::create).get(this::list).done();
        api.path("/Compositions/:Sid").get(this::fetch).delete(this::delete).done();
        api.path("/Compositions/:Sid/Media").get(this::media).done();
    }

    private void create(Call call) {
        Params p = call.form();
        String roomSid = Sids.canonical(p.required("RoomSid"));
        if (!Sids.is(Sid.ROOM, roomSid)) {
            throw ApiException.invalid("RoomSid", "RoomSid must be a room SID (RM…), got '" + roomSid + "'");
        }
        CompositionChecks.Checked checked = CompositionChecks.parse(p, false, targets);
        Optional<RoomRecord> room = store.rooms().find(call.account(), roomSid);
        if (room.isEmpty()) {
            throw ApiException.badRequest(
                    53106, "Room not found: RoomSid " + roomSid + " is not a room of this account");
        }
        List<Recording> recordings = store.recordings().ofRoom(roomSid);
        boolean ended = !RoomRecord.IN_PROGRESS.equals(room.get().status());
        CompositionChecks.checkSources(
                checked.request(),
                roomSid,
                ended,
                recordings,
                store.participants().ofRoom(roomSid).stream()
                        .map(ParticipantRecord::sid)
                        .collect(Collectors.toSet()),
                store.tracks().ofRoom(roomSid).stream().map(TrackRecord::sid).collect(Collectors.toSet()));
        Composition c = store.compositions()
                .create(Sid.generate(Sid.COMPOSITION), call.account(), roomSid, null, checked.spec());
        onEnqueued.run();
        call.json(201, CompositionView.composition(c, call.baseUrl()));
    }

    private void list(Call call) {
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 100);
        String room = q.string("RoomSid");
        CompositionFilter f = new CompositionFilter(
                q.oneOf("Status", STATUSES),
                room == null ? null : Sids.canonical(room),
                q.date("DateCreatedAfter"),
                q.date("DateCreatedBefore"));
        Page<Composition> result = store.compositions().list(call.account(), f, page.cursor(), page.pageSize());
        JsonArray items = new JsonArray();
        result.items().forEach(c -> items.add(CompositionView.composition(c, call.baseUrl())));
        call.json(
                200,
                Paging.list(
                        "compositions",
                        items,
                        Paging.meta("compositions", call.baseUrl(), "/v1/Compositions", q, page, result.next())));
    }

    private Composition require(Call call) {
        return store.compositions()
                .find(call.account(), Sids.canonical(call.pathParam("Sid")))
                .orElseThrow(() -> ApiException.notFound(call.path()));
    }

    private void fetch(Call call) {
        call.json(200, CompositionView.composition(require(call), call.baseUrl()));
    }

    private void delete(Call call) {
        Composition c = require(call);
        switch (c.status()) {
            case Composition.DELETED -> throw ApiException.notFound(call.path());
            case Composition.PROCESSING ->
                throw ApiException.conflict(
                        "Composition " + c.sid() + " is being processed; delete it once it is completed");
            case Composition.FAILED ->
                throw ApiException.conflict(
                        "Composition " + c.sid() + " failed and has no media; failed compositions cannot be deleted");
            default -> {}
        }
        Optional<Composition> before = store.compositions().markDeleted(call.account(), c.sid());
        if (before.isEmpty()) {
            throw ApiException.conflict("Composition " + c.sid() + " changed state; fetch it and retry");
        }
        stored.delete(c.sid(), before.get().mediaKey());
        call.noContent();
    }

    private void media(Call call) {
        Composition c = require(call);
        links.redirect(
                call,
                c.status().equals(Composition.COMPLETED) ? c.sid() : null,
                c.status().equals(Composition.COMPLETED) ? c.mediaKey() : null);
    }
}
