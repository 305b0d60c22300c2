package dev.quorum.api.archives;

import dev.quorum.api.projects.ProjectCall;
import dev.quorum.api.projects.ProjectRouter;
import dev.quorum.api.projects.VideoApiException;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.VideoSession;
import dev.quorum.storage.archive.VideoStream;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/project/{p}/session/{sessionId}/stream[/{streamId}]}: the streams published in a
 * session now, and their layout classes ({@code PUT} sets them for several streams at once; all
 * are checked before any changes).
 */
final class StreamsResource {

    static final int MAX_CLASSES = 20;
    static final int MAX_CLASS_LENGTH = 128;

    private final MetadataStore store;
    private final ArchiveEngine engine;

    StreamsResource(MetadataStore store, ArchiveEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    void register(ProjectRouter api) {
        api.project(HttpMethod.GET, "/session/:sessionId/stream", this::list)
                .project(HttpMethod.PUT, "/session/:sessionId/stream", this::setClasses)
                .project(HttpMethod.GET, "/session/:sessionId/stream/:streamId", this::get);
    }

    private void list(ProjectCall call) {
        VideoSession s = session(call);
        JsonArray items = new JsonArray();
        live(s).forEach(v -> items.add(view(v)));
        call.json(200, new JsonObject().put("count", items.size()).put("items", items));
    }

    private void get(ProjectCall call) {
        VideoSession s = session(call);
        String id = call.pathParam("streamId");
        VideoStream v = live(s).stream()
                .filter(x -> x.streamId().equals(id))
                .findFirst()
                .orElseThrow(() ->
                        VideoApiException.notFound("Stream " + id + " is not published in session " + s.sessionId()));
        call.json(200, view(v));
    }

    private void setClasses(ProjectCall call) {
        VideoSession s = session(call);
        Object items = call.json().getValue("items");
        if (!(items instanceof JsonArray list) || list.isEmpty()) {
            throw VideoApiException.badRequest("items must be a non-empty array of {id, layoutClassList}");
        }
        Map<String, List<String>> changes = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.getValue(i) instanceof JsonObject item) || !(item.getValue("id") instanceof String id)) {
                throw VideoApiException.badRequest("items[" + i + "].id must be a stream ID");
            }
            if (!(item.getValue("layoutClassList") instanceof JsonArray classes) || classes.size() > MAX_CLASSES) {
                throw VideoApiException.badRequest(
                        "items[" + i + "].layoutClassList must be an array of at most " + MAX_CLASSES + " strings");
            }
            List<String> names = new ArrayList<>();
            for (Object c : classes) {
                if (!(c instanceof String n) || n.isBlank() || n.length() > MAX_CLASS_LENGTH || n.contains(" ")) {
                    throw VideoApiException.badRequest("items[" + i + "].layoutClassList must hold class names (1 to "
                            + MAX_CLASS_LENGTH + " characters, no spaces), got " + c);
                }
                names.add(n);
            }
            store.sessions().stream(id)
                    .filter(x -> x.sessionId().equals(s.sessionId()))
                    .orElseThrow(() ->
                            VideoApiException.notFound("Stream " + id + " not found in session " + s.sessionId()));
            changes.put(id, names);
        }
        engine.call(() -> {
            engine.setClasses(s, changes);
            return null;
        });
        call.empty(200);
    }

    /** The live streams once every event received so far is applied. */
    private List<VideoStream> live(VideoSession s) {
        return engine.call(() -> store.sessions().liveStreams(s.sessionId()));
    }

    private VideoSession session(ProjectCall call) {
        String id = call.pathParam("sessionId");
        return store.sessions()
                .find(id)
                .filter(s -> s.projectId().equals(call.project().id()))
                .orElseThrow(() -> VideoApiException.notFound("Session " + id + " not found"));
    }

    private static JsonObject view(VideoStream v) {
        return new JsonObject()
                .put("id", v.streamId())
                .put("videoType", v.videoType())
                .put("name", v.name())
                .put("layoutClassList", new JsonArray(v.layoutClasses()));
    }
}
