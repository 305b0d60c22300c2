package dev.quorum.api.compositions;

import dev.quorum.api.http.Dates;
import dev.quorum.api.recordings.RecordingView;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionHook;
import dev.quorum.storage.composition.CompositionSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The composition and composition hook resources' JSON. */
public final class CompositionView {

    private CompositionView() {}

    public static JsonObject composition(Composition c, String baseUrl) {
        String url = baseUrl + "/v1/Compositions/" + c.sid();
        CompositionSpec s = c.spec();
        Long duration = RecordingView.seconds(c.durationMs());
        return new JsonObject()
                .put("account_sid", c.accountSid())
                .put("status", c.status())
                .put("date_created", Dates.iso(c.dateCreated()))
                .put("date_completed", Dates.iso(c.dateCompleted()))
                .put("date_deleted", Dates.iso(c.dateDeleted()))
                .put("sid", c.sid())
                .put("room_sid", c.roomSid())
                .put("audio_sources", new JsonArray(s.audioSources()))
                .put("audio_sources_excluded", new JsonArray(s.audioSourcesExcluded()))
                .put("video_layout", new JsonObject(s.videoLayoutJson()))
                .put("resolution", s.resolution())
                .put("trim", s.trim())
                .put("format", s.format())
                .put("bitrate", c.bitrate() == null ? 0 : c.bitrate())
                .put("size", c.sizeBytes() == null ? 0 : c.sizeBytes())
                .put("duration", duration == null ? 0 : duration)
                .put("media_external_location", c.mediaExternalLocation())
                .put("status_callback", s.statusCallback())
                .put("status_callback_method", s.statusCallbackMethod())
                .put("progress", progress(c))
                .put("url", url)
                .put("links", new JsonObject().put("media", url + "/Media"));
    }

    /**
     * Our extension: the percentage composed as the worker last stored it (0 while enqueued, 100 once
     * completed), {@code null} for a failed or deleted composition. The hosted service reports it only
     * in {@code composition-progress} callbacks; its SDKs ignore keys they do not know.
     */
    static Integer progress(Composition c) {
        return switch (c.status()) {
            case "enqueued" -> 0;
            case "processing" -> c.progress();
            case "completed" -> 100;
            default -> null;
        };
    }

    public static JsonObject hook(CompositionHook h, String baseUrl) {
        CompositionSpec s = h.spec();
        return new JsonObject()
                .put("account_sid", h.accountSid())
                .put("friendly_name", h.friendlyName())
                .put("enabled", h.enabled())
                .put("date_created", Dates.iso(h.dateCreated()))
                .put("date_updated", Dates.iso(h.dateUpdated()))
                .put("sid", h.sid())
                .put("audio_sources", new JsonArray(s.audioSources()))
                .put("audio_sources_excluded", new JsonArray(s.audioSourcesExcluded()))
                .put("video_layout", new JsonObject(s.videoLayoutJson()))
                .put("resolution", s.resolution())
                .put("trim", s.trim())
                .put("format", s.format())
                .put("status_callback", s.statusCallback())
                .put("status_callback_method", s.statusCallbackMethod())
                .put("url", baseUrl + "/v1/CompositionHooks/" + h.sid());
    }
}
