package dev.quorum.api.rooms;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.storage.Cursor;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.room.TrackRecord;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A participant's published tracks (currently published, from the SFU; a past track is still
 * fetchable by SID from the history) and subscribed tracks (live only).
 */
public final class TracksResource {

    private final MetadataStore store;
    private final RoomControl control;
    private final RoomLookup lookup;
    private final Clock clock;

    public TracksResource(MetadataStore store, RoomControl control, RoomLookup lookup, Clock clock) {
        this.store = store;
        this.control = control;
        this.lookup = lookup;
        this.clock = clock;
    }

    public void register(ApiRouter api) {
        String base = "/Rooms/:RoomSid/Participants/:ParticipantSid";
        api.path(base + "/PublishedTracks").get(this::listPublished).done();
        api.path(base + "/PublishedTracks/:Sid").get(this::fetchPublished).done();
        api.path(base + "/SubscribedTracks").get(this::listSubscribed).done();
        api.path(base + "/SubscribedTracks/:Sid").get(this::fetchSubscribed).done();
    }

    private record Owner(RoomRecord room, String participantSid) {}

    private Owner owner(Call call) {
        RoomRecord room = lookup.require(call.account(), call.pathParam("RoomSid"), call.path());
        String key = Sids.canonical(call.pathParam("ParticipantSid"));
        Optional<String> sid = control.participants(call.account(), room.sid()).stream()
                .filter(p -> p.sid().equals(key) || p.identity().equals(key))
                .map(p -> p.sid())
                .findFirst();
        if (sid.isEmpty() && Sids.is(Sid.PARTICIPANT, key)) {
            sid = store.participants().find(call.account(), room.sid(), key).map(ParticipantRecord::sid);
        }
        return new Owner(room, sid.orElseThrow(() -> ApiException.notFound(call.path())));
    }

    private List<TrackRecord> published(Call call, Owner o) {
        return control.publishedTracks(call.account(), o.room().sid(), o.participantSid()).stream()
                .map(t -> RoomRecords.track(t, call.account(), true, null, clock.instant()))
                .sorted(Comparator.comparing(TrackRecord::dateCreated)
                        .thenComparing(TrackRecord::sid)
                        .reversed())
                .toList();
    }

    private void listPublished(Call call) {
        Owner o = owner(call);
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        Page<TrackRecord> result = Paging.slice(
                published(call, o),
                t -> new Cursor(t.dateCreated().toEpochMilli(), t.sid()),
                page.cursor(),
                page.pageSize());
        Map<String, Long> rates =
                control.publishedTrackBitrates(call.account(), o.room().sid(), o.participantSid());
        JsonArray items = new JsonArray();
        result.items().forEach(t -> items.add(TrackView.published(t, rates.get(t.sid()), call.baseUrl())));
        String path = "/v1/Rooms/" + call.pathParam("RoomSid") + "/Participants/" + call.pathParam("ParticipantSid")
                + "/PublishedTracks";
        call.json(
                200,
                Paging.list(
                        "published_tracks",
                        items,
                        Paging.meta("published_tracks", call.baseUrl(), path, q, page, result.next())));
    }

    private void fetchPublished(Call call) {
        Owner o = owner(call);
        String key = Sids.canonical(call.pathParam("Sid"));
        Optional<TrackRecord> t = published(call, o).stream()
                .filter(r -> r.sid().equals(key) || r.name().equals(key))
                .findFirst();
        Long rate = null;
        if (t.isPresent()) {
            rate = control.publishedTrackBitrates(call.account(), o.room().sid(), o.participantSid())
                    .get(t.get().sid());
        } else if (Sids.is(Sid.TRACK, key)) {
            t = store.tracks().find(call.account(), o.participantSid(), key);
        }
        call.json(
                200,
                TrackView.published(t.orElseThrow(() -> ApiException.notFound(call.path())), rate, call.baseUrl()));
    }

    private List<TrackInfo> subscribed(Call call, Owner o) {
        return control.subscribedTracks(call.account(), o.room().sid(), o.participantSid()).stream()
                .sorted(Comparator.comparing(TrackInfo::dateCreated)
                        .thenComparing(TrackInfo::sid)
                        .reversed())
                .toList();
    }

    private void listSubscribed(Call call) {
        Owner o = owner(call);
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        Page<TrackInfo> result = Paging.slice(
                subscribed(call, o),
                t -> new Cursor(t.dateCreated().toEpochMilli(), t.sid()),
                page.cursor(),
                page.pageSize());
        JsonArray items = new JsonArray();
        result.items().forEach(t -> items.add(TrackView.subscribed(t, o.participantSid(), call.baseUrl())));
        String path = "/v1/Rooms/" + call.pathParam("RoomSid") + "/Participants/" + call.pathParam("ParticipantSid")
                + "/SubscribedTracks";
        call.json(
                200,
                Paging.list(
                        "subscribed_tracks",
                        items,
                        Paging.meta("subscribed_tracks", call.baseUrl(), path, q, page, result.next())));
    }

    private void fetchSubscribed(Call call) {
        Owner o = owner(call);
        String key = Sids.canonical(call.pathParam("Sid"));
        if (!Sids.is(Sid.TRACK, key)) {
            throw ApiException.invalid(
                    "Sid",
                    "A subscribed track is fetched by its MT SID (names are not unique"
                            + " among the tracks a participant receives), got '" + call.pathParam("Sid") + "'");
        }
        TrackInfo t = subscribed(call, o).stream()
                .filter(s -> s.sid().equals(key))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(call.path()));
        call.json(200, TrackView.subscribed(t, o.participantSid(), call.baseUrl()));
    }
}
