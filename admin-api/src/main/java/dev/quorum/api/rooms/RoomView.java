package dev.quorum.api.rooms;

import dev.quorum.api.http.Dates;
import dev.quorum.storage.room.RoomRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The room resource's JSON: every documented key, null when empty. */
public final class RoomView {

    private RoomView() {}

    public static JsonObject of(RoomRecord r, String baseUrl) {
        String url = baseUrl + "/v1/Rooms/" + r.sid();
        Long duration = r.endTime() == null
                ? null
                : Math.max(0, Duration.between(r.dateCreated(), r.endTime()).toSeconds());
        return new JsonObject()
                .put("sid", r.sid())
                .put("status", r.status())
                .put("date_created", Dates.iso(r.dateCreated()))
                .put("date_updated", Dates.iso(r.dateUpdated()))
                .put("account_sid", r.accountSid())
                .put("enable_turn", true)
                .put("unique_name", r.uniqueName())
                .put("status_callback", r.statusCallback())
                .put("status_callback_method", r.statusCallbackMethod())
                .put("end_time", Dates.iso(r.endTime()))
                .put("duration", duration)
                .put("type", r.type())
                .put("max_participants", r.maxParticipants())
                .put("max_participant_duration", r.maxParticipantDuration().toSeconds())
                .put("max_concurrent_published_tracks", 0)
                .put("record_participants_on_connect", r.recordParticipantsOnConnect())
                .put("video_codecs", new JsonArray(r.videoCodecs()))
                .put("media_region", r.mediaRegion())
                .put("audio_only", r.audioOnly())
                .put("empty_room_timeout", r.emptyRoomTimeout().toMinutes())
                .put("unused_room_timeout", r.unusedRoomTimeout().toMinutes())
                .put("large_room", r.largeRoom())
                .put("url", url)
                .put(
                        "links",
                        new JsonObject()
                                .put("participants", url + "/Participants")
                                .put("recordings", url + "/Recordings")
                                .put("recording_rules", url + "/RecordingRules")
                                .put("transcriptions", url + "/Transcriptions"));
    }
}
