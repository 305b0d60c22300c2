package dev.quorum.api.archives;

import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.archive.VideoProject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The archive object of the REST answers (start, stop, get, list items). The owner is
 * {@code partnerId} and {@code projectId} (integers) for an API-key project and
 * {@code applicationId} for an application, as each SDK parses it; {@code url} is a download link
 * valid for a short time, only while the archive is {@code available}.
 */
final class ArchiveView {

    private ArchiveView() {}

    static JsonObject of(Archive a, VideoProject p, List<RecordingPlan.Included> streams, String url) {
        JsonObject o = new JsonObject()
                .put("id", a.id())
                .put("status", a.status())
                .put("name", a.name() == null ? "" : a.name())
                .put("reason", a.reason() == null ? "" : a.reason())
                .put("sessionId", a.sessionId());
        owner(o, p.opentok(), p.id());
        o.put("createdAt", a.createdAt().toEpochMilli())
                .put("updatedAt", a.dateUpdated().toEpochMilli())
                .put("size", a.sizeBytes())
                .put("duration", a.recording() || a.durationMs() == null ? 0 : Math.round(a.durationMs() / 1000.0))
                .put("outputMode", a.outputMode())
                .put("streamMode", a.streamMode())
                .put("hasAudio", a.hasAudio())
                .put("hasVideo", a.hasVideo());
        if (a.composed()) {
            o.put("resolution", a.resolution());
            ArchiveLayout layout = ArchiveLayout.fromJson(a.layout());
            if (layout != null) {
                o.put("layout", layout.toJson());
            }
        }
        if (a.multiArchiveTag() != null) {
            o.put("multiArchiveTag", a.multiArchiveTag());
        }
        if (a.maxBitrate() != null) {
            o.put("maxBitrate", a.maxBitrate());
        }
        if (a.quantizationParameter() != null) {
            o.put("quantizationParameter", a.quantizationParameter());
        }
        JsonArray list = new JsonArray();
        streams.forEach(i -> list.add(stream(i)));
        return o.put("streams", list)
                .put("url", url)
                .put("sha256sum", a.sha256() == null ? "" : a.sha256())
                .put("password", "");
    }

    static JsonObject stream(RecordingPlan.Included i) {
        return new JsonObject()
                .put("streamId", i.stream().streamId())
                .put("hasAudio", i.audio())
                .put("hasVideo", i.video());
    }

    /** {@code partnerId} + {@code projectId} for an API key, {@code applicationId} (and {@code partnerId}) for an application. */
    static void owner(JsonObject o, boolean opentok, String projectId) {
        if (opentok) {
            long key = Long.parseLong(projectId);
            o.put("partnerId", key).put("projectId", key);
        } else {
            o.put("applicationId", projectId);
        }
    }
}
