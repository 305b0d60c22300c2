package dev.quorum.api.recordings;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.api.media.MediaLinks;
import dev.quorum.api.media.StoredMedia;
import dev.quorum.api.rooms.RoomLookup;
import dev.quorum.composer.job.RoomArchives;
import dev.quorum.sfu.api.Sid;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.recording.RecordingFilter;
import dev.quorum.storage.room.RoomRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/Recordings[/{Sid}[/Media]]} and {@code /v1/Rooms/{RoomSid}/Recordings[/{Sid}[/Media]]}:
 * list, fetch, delete (the media goes, the metadata stays as {@code deleted} for 30 days), and the
 * media redirect.
 */
public final class RecordingsResource {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingsResource.class);
    private static final List<String> STATUSES = List.of("processing", "completed", "deleted", "failed");

    private final MetadataStore store;
    private final MediaStore media;
    private final MediaLinks links;
    private final RoomLookup lookup;
    private final RoomArchives archives;
    private final StoredMedia stored;

    public RecordingsResource(
            MetadataStore store,
            MediaStore media,
            MediaLinks links,
            RoomLookup lookup,
            RoomArchives archives,
            StoredMedia stored) {
        this.stored = stored;
        this.store = store;
        this.media = media;
        this.links = links;
        this.lookup = lookup;
        this.archives = archives;
    }

    public void register(ApiRouter api) {
        api.path("/Recordings").get(this::list).done();
        api.path("/Recordings/:Sid").get(this::fetch).delete(this::delete).done();
        api.path("/Recordings/:Sid/Media").get(this::media).done();
        api.path("/Rooms/:RoomSid/Recordings").get(this::listOfRoom).done();
        // Before …/Recordings/{Sid}, which would otherwise take "Archive" for a SID.
        api.path("/Rooms/:RoomSid/Recordings/Archive").get(this::archiveOfRoom).done();
        api.path("/Rooms/:RoomSid/Recordings/:Sid")
                .get(this::fetchOfRoom)
                .delete(this::deleteOfRoom)
                .done();
        api.path("/Rooms/:RoomSid/Recordings/:Sid/Media").get(this::mediaOfRoom).done();
    }

    private void list(Call call) {
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 100);
        List<String> grouping =
                q.all("GroupingSid").stream().map(Sids::canonical).toList();
        for (String g : grouping) {
            if (!Sid.isAny(g)) {
                throw ApiException.invalid(
                        "GroupingSid", "GroupingSid must be a room (RM) or participant (PA) SID, got '" + g + "'");
            }
        }
        RecordingFilter f = new RecordingFilter(
                q.oneOf("Status", STATUSES),
                sid(q, "SourceSid"),
                null,
                grouping,
                q.oneOf("MediaType", List.of("audio", "video", "data")),
                q.date("DateCreatedAfter"),
                q.date("DateCreatedBefore"));
        Page<Recording> result = store.recordings().list(call.account(), f, page.cursor(), page.pageSize());
        Map<String, Optional<RoomRecord>> rooms = new HashMap<>();
        Account account = store.accounts().find(call.account()).orElseThrow(ApiException::unauthorized);
        JsonArray items = new JsonArray();
        for (Recording r : result.items()) {
            items.add(topLevel(r, account, rooms, call.baseUrl()));
        }
        call.json(
                200,
                Paging.list(
                        "recordings",
                        items,
                        Paging.meta("recordings", call.baseUrl(), "/v1/Recordings", q, page, result.next())));
    }

    private void fetch(Call call) {
        Recording r = require(call, null);
        Account account = store.accounts().find(call.account()).orElseThrow(ApiException::unauthorized);
        call.json(200, topLevel(r, account, new HashMap<>(), call.baseUrl()));
    }

    private void delete(Call call) {
        delete(call, require(call, null));
    }

    private void media(Call call) {
        Recording r = require(call, null);
        links.redirect(
                call,
                r.status().equals(Recording.COMPLETED) ? r.sid() : null,
                r.status().equals(Recording.COMPLETED) ? r.mediaKey() : null);
    }

    private void listOfRoom(Call call) {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        RecordingFilter f = new RecordingFilter(
                q.oneOf("Status", STATUSES),
                sid(q, "SourceSid"),
                room.sid(),
                List.of(),
                null,
                q.date("DateCreatedAfter"),
                q.date("DateCreatedBefore"));
        Page<Recording> result = store.recordings().list(call.account(), f, page.cursor(), page.pageSize());
        JsonArray items = new JsonArray();
        result.items().forEach(r -> items.add(RecordingView.roomScoped(r, call.baseUrl())));
        String path = "/v1/Rooms/" + call.pathParam("RoomSid") + "/Recordings";
        call.json(
                200,
                Paging.list(
                        "recordings", items, Paging.meta("recordings", call.baseUrl(), path, q, page, result.next())));
    }

    private void fetchOfRoom(Call call) {
        call.json(200, RecordingView.roomScoped(requireOfRoom(call), call.baseUrl()));
    }

    private void deleteOfRoom(Call call) {
        delete(call, requireOfRoom(call));
    }

    private void mediaOfRoom(Call call) {
        Recording r = requireOfRoom(call);
        links.redirect(
                call,
                r.status().equals(Recording.COMPLETED) ? r.sid() : null,
                r.status().equals(Recording.COMPLETED) ? r.mediaKey() : null);
    }

    /**
     * Our extension: the room's recordings unmixed in one ZIP with a manifest (an individual-stream
     * archive), as a signed link like any media; 404 until the room has ended and every recording
     * is written, or when it recorded nothing.
     */
    private void archiveOfRoom(Call call) {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        Optional<String> key;
        try {
            key = archives.archive(call.account(), room.sid());
        } catch (IOException e) {
            throw new UncheckedIOException("The archive of room " + room.sid() + " could not be built", e);
        }
        if (key.isEmpty()) {
            throw new ApiException(
                    404,
                    ApiException.NOT_FOUND,
                    "Room " + room.sid() + " has no archive: it is in"
                            + " progress, a recording is still being written, or it recorded nothing");
        }
        links.redirect(call, key.get());
    }

    private Recording requireOfRoom(Call call) {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        return require(call, room.sid());
    }

    private Recording require(Call call, String roomSid) {
        String sid = Sids.canonical(call.pathParam("Sid"));
        return store.recordings()
                .find(call.account(), sid)
                .filter(r -> roomSid == null || r.roomSid().equals(roomSid))
                .orElseThrow(() -> ApiException.notFound(call.path()));
    }

    private void delete(Call call, Recording r) {
        if (r.status().equals(Recording.PROCESSING)) {
            throw ApiException.conflict(
                    "Recording " + r.sid() + " is still being recorded; delete it once it is completed");
        }
        if (r.status().equals(Recording.DELETED)) {
            throw ApiException.notFound(call.path());
        }
        Optional<Recording> before = store.recordings().markDeleted(call.account(), r.sid());
        if (before.isEmpty()) {
            throw ApiException.notFound(call.path());
        }
        stored.delete(r.sid(), before.get().mediaKey());
        try {
            // The room's archive held the deleted media; the next request builds it without.
            archives.discard(r.accountSid(), r.roomSid());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The archive of room {} could not be deleted; remove it by hand", r.roomSid(), e);
        }
        call.noContent();
    }

    private JsonObject topLevel(Recording r, Account account, Map<String, Optional<RoomRecord>> rooms, String baseUrl) {
        String cb = r.statusCallback();
        String method = r.statusCallbackMethod();
        if (cb == null) {
            Optional<RoomRecord> room =
                    rooms.computeIfAbsent(r.roomSid(), s -> store.rooms().find(s));
            cb = room.map(RoomRecord::statusCallback).orElse(null);
            method = room.map(RoomRecord::statusCallbackMethod).orElse(null);
            if (cb == null) {
                cb = account.roomStatusCallback();
                method = account.roomStatusCallbackMethod();
            }
        }
        return RecordingView.topLevel(r, cb, method == null ? "POST" : method, baseUrl);
    }

    private static String sid(Params q, String name) {
        String v = q.string(name);
        return v == null ? null : Sids.canonical(v);
    }
}
