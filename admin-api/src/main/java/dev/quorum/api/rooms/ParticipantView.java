package dev.quorum.api.rooms;

import dev.quorum.api.http.Dates;
import dev.quorum.storage.room.ParticipantRecord;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The room participant resource's JSON. */
public final class ParticipantView {

    private ParticipantView() {}

    public static JsonObject of(ParticipantRecord p, String baseUrl) {
        String url = baseUrl + "/v1/Rooms/" + p.roomSid() + "/Participants/" + p.sid();
        Long duration = p.endTime() == null
                ? null
                : Math.max(0, Duration.between(p.startTime(), p.endTime()).toSeconds());
        return new JsonObject()
                .put("sid", p.sid())
                .put("room_sid", p.roomSid())
                .put("account_sid", p.accountSid())
                .put("status", p.status())
                .put("identity", p.identity())
                .put("date_created", Dates.iso(p.dateCreated()))
                .put("date_updated", Dates.iso(p.dateUpdated()))
                .put("start_time", Dates.iso(p.startTime()))
                .put("end_time", Dates.iso(p.endTime()))
                .put("duration", duration)
                .put("url", url)
                .put(
                        "links",
                        new JsonObject()
                                .put("published_tracks", url + "/PublishedTracks")
                                .put("subscribed_tracks", url + "/SubscribedTracks")
                                .put("subscribe_rules", url + "/SubscribeRules")
                                .put("anonymize", url + "/Anonymize"));
    }
}
