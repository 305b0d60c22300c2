package dev.quorum.api.recordings;

import dev.quorum.api.http.Dates;
import dev.quorum.storage.recording.Recording;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The recording resource's JSON, top-level ({@code /v1/Recordings}) or room-scoped. */
public final class RecordingView {

    private RecordingView() {}

    /**
     * @param statusCallback the callback shown at the top level (the recording's, else its room's)
     */
    public static JsonObject topLevel(Recording r, String statusCallback, String statusCallbackMethod, String baseUrl) {
        String url = baseUrl + "/v1/Recordings/" + r.sid();
        return common(r, url)
                .put("status_callback", statusCallback)
                .put("status_callback_method", statusCallback == null ? null : statusCallbackMethod);
    }

    public static JsonObject roomScoped(Recording r, String baseUrl) {
        String url = baseUrl + "/v1/Rooms/" + r.roomSid() + "/Recordings/" + r.sid();
        return common(r, url).put("room_sid", r.roomSid());
    }

    private static JsonObject common(Recording r, String url) {
        return new JsonObject()
                .put("account_sid", r.accountSid())
                .put("status", r.status())
                .put("date_created", Dates.iso(r.dateCreated()))
                .put("date_deleted", Dates.iso(r.dateDeleted()))
                .put("sid", r.sid())
                .put("source_sid", r.sourceSid())
                .put("size", r.sizeBytes())
                .put("url", url)
                .put("type", r.type())
                .put("duration", seconds(r.durationMs()))
                .put("container_format", r.containerFormat())
                .put("codec", r.codec() == null ? null : r.codec().toUpperCase(Locale.ROOT))
                .put(
                        "grouping_sids",
                        new JsonObject().put("room_sid", r.roomSid()).put("participant_sid", r.participantSid()))
                .put("track_name", r.trackName() != null ? r.trackName() : r.sourceSid())
                .put("offset", r.offsetMs())
                .put("media_external_location", r.mediaExternalLocation())
                // Extensions (SDKs ignore unknown keys): the recorder's counts, null until completed.
                .put("packets_lost", r.packetsLost())
                .put("packets_dropped", r.packetsDropped())
                .put("links", new JsonObject().put("media", url + "/Media"));
    }

    /** Whole seconds, rounded; anything under a second but not zero shows as 1. */
    public static Long seconds(Long ms) {
        if (ms == null) {
            return null;
        }
        if (ms > 0 && ms < 1000) {
            return 1L;
        }
        return Math.round(ms / 1000.0);
    }
}
