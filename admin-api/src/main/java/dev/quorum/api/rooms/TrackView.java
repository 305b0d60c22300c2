package dev.quorum.api.rooms;

import dev.quorum.api.http.Dates;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.storage.room.TrackRecord;
import io.vertx.core.json.JsonObject;

/** The published and subscribed track resources' JSON. */
public final class TrackView {

    private TrackView() {}

    /** A track from the history: no live bit rate. */
    public static JsonObject published(TrackRecord t, String baseUrl) {
        return published(t, null, baseUrl);
    }

    /**
     * @param bitsPerSecond the rate the server receives it at now (our {@code bitrate}, shown in
     *                      kbit/s), or null when it is not published now
     */
    public static JsonObject published(TrackRecord t, Long bitsPerSecond, String baseUrl) {
        return new JsonObject()
                .put("sid", t.sid())
                .put("participant_sid", t.participantSid())
                .put("room_sid", t.roomSid())
                .put("name", t.name())
                .put("date_created", Dates.iso(t.dateCreated()))
                .put("date_updated", Dates.iso(t.dateUpdated()))
                .put("enabled", t.enabled())
                .put("kind", t.kind())
                .put("bitrate", bitsPerSecond == null ? null : Math.round(bitsPerSecond / 1000.0))
                .put(
                        "url",
                        baseUrl + "/v1/Rooms/" + t.roomSid() + "/Participants/" + t.participantSid()
                                + "/PublishedTracks/" + t.sid());
    }

    /** A track as a subscriber receives it; {@code t} is the publisher's track. */
    public static JsonObject subscribed(TrackInfo t, String subscriberSid, String baseUrl) {
        return new JsonObject()
                .put("sid", t.sid())
                .put("participant_sid", subscriberSid)
                .put("publisher_sid", t.participantSid())
                .put("room_sid", t.roomSid())
                .put("name", t.name())
                .put("date_created", Dates.iso(t.dateCreated()))
                .put("date_updated", Dates.iso(t.dateCreated()))
                .put("enabled", t.enabled())
                .put("kind", t.kind().wireName())
                .put(
                        "url",
                        baseUrl + "/v1/Rooms/" + t.roomSid() + "/Participants/" + subscriberSid + "/SubscribedTracks/"
                                + t.sid());
    }
}
