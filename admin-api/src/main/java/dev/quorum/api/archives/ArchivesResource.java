package dev.quorum.api.archives;

import dev.quorum.api.projects.ProjectCall;
import dev.quorum.api.projects.ProjectRouter;
import dev.quorum.api.projects.VideoApiException;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.archive.ArchiveStore;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.url.MediaUrlSigner;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /v2/project/{p}/archive…}: start, list, get, stop, delete, change the layout, add and
 * remove streams. Status codes are the ones both SDKs expect (start/stop/get/list 200 with the
 * archive, layout 200 empty, delete 204, streams 204).
 */
final class ArchivesResource {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 1000;

    private final MetadataStore store;
    private final ArchiveEngine engine;
    private final ArchiveOutputs outputs;
    private final MediaUrlSigner signer;
    private final ArchiveSettings settings;

    ArchivesResource(
            MetadataStore store,
            ArchiveEngine engine,
            ArchiveOutputs outputs,
            MediaUrlSigner signer,
            ArchiveSettings settings) {
        this.store = store;
        this.engine = engine;
        this.outputs = outputs;
        this.signer = signer;
        this.settings = settings;
    }

    void register(ProjectRouter api) {
        api.project(HttpMethod.POST, "/archive", this::start)
                .project(HttpMethod.GET, "/archive", this::list)
                .project(HttpMethod.GET, "/archive/:archiveId", this::get)
                .project(HttpMethod.DELETE, "/archive/:archiveId", this::delete)
                .project(HttpMethod.POST, "/archive/:archiveId/stop", this::stop)
                .project(HttpMethod.PUT, "/archive/:archiveId/layout", this::layout)
                .project(HttpMethod.PATCH, "/archive/:archiveId/streams", this::streams);
    }

    private void start(ProjectCall call) {
        ArchiveRequest r = ArchiveRequest.parse(call.json());
        Archive a = engine.call(() -> engine.start(call.project(), r));
        call.json(200, view(call, a));
    }

    private void list(ProjectCall call) {
        int offset = integer(call, "offset", 0, Integer.MAX_VALUE, 0);
        int count = integer(call, "count", 0, MAX_COUNT, DEFAULT_COUNT);
        ArchiveStore.Listed listed = store.archives().list(call.project().id(), call.query("sessionId"), offset, count);
        JsonArray items = new JsonArray();
        listed.items().forEach(a -> items.add(view(call, a)));
        call.json(200, new JsonObject().put("count", listed.total()).put("items", items));
    }

    private void get(ProjectCall call) {
        call.json(200, view(call, owned(call)));
    }

    private void stop(ProjectCall call) {
        String id = archiveId(call);
        Archive a = engine.call(() -> engine.stop(call.project(), id));
        call.json(200, view(call, a));
    }

    private void delete(ProjectCall call) {
        Archive a = owned(call);
        Archive deleted = store.archives()
                .delete(a.id())
                .orElseThrow(() -> VideoApiException.conflict("Archive " + a.id() + " cannot be deleted: its status is "
                        + a.status() + ", not uploaded or available"));
        outputs.discard(deleted);
        call.empty(204);
    }

    private void layout(ProjectCall call) {
        String id = archiveId(call);
        ArchiveLayout layout = ArchiveLayout.parse(call.json(), "");
        engine.call(() -> {
            engine.changeLayout(call.project(), id, layout);
            return null;
        });
        call.empty(200);
    }

    private void streams(ProjectCall call) {
        String id = archiveId(call);
        JsonObject body = call.json();
        Object add = body.getValue("addStream");
        Object remove = body.getValue("removeStream");
        if ((add == null) == (remove == null)) {
            throw VideoApiException.badRequest("Give exactly one of addStream and removeStream (a stream ID)");
        }
        Object streamId = add != null ? add : remove;
        if (!(streamId instanceof String s) || s.isEmpty()) {
            throw VideoApiException.badRequest((add != null ? "addStream" : "removeStream") + " must be a stream ID");
        }
        boolean audio = flag(body, "hasAudio");
        boolean video = flag(body, "hasVideo");
        if (add != null && !audio && !video) {
            throw VideoApiException.badRequest(
                    "hasAudio and hasVideo cannot both be false: the stream would add nothing");
        }
        engine.call(() -> {
            if (add != null) {
                engine.select(call.project(), id, s, audio, video);
            } else {
                engine.deselect(call.project(), id, s);
            }
            return null;
        });
        call.empty(204);
    }

    private static boolean flag(JsonObject body, String name) {
        Object v = body.getValue(name);
        if (v == null) {
            return true;
        }
        if (!(v instanceof Boolean b)) {
            throw VideoApiException.badRequest(name + " must be true or false");
        }
        return b;
    }

    private Archive owned(ProjectCall call) {
        String id = archiveId(call);
        return store.archives()
                .find(id)
                .filter(a -> a.projectId().equals(call.project().id()))
                .orElseThrow(() -> VideoApiException.notFound("Archive " + id + " not found"));
    }

    private static String archiveId(ProjectCall call) {
        String id = call.pathParam("archiveId");
        if (!UUID_FORM.matcher(id).matches()) {
            throw VideoApiException.badRequest("Invalid archive ID '" + id + "': archive IDs are UUIDs");
        }
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    private JsonObject view(ProjectCall call, Archive a) {
        VideoProject p = call.project();
        List<RecordingPlan.Included> streams =
                a.recording() ? engine.included(a, store.sessions().liveStreams(a.sessionId())) : List.of();
        String url = null;
        if (Archive.AVAILABLE.equals(a.status()) && a.mediaKey() != null) {
            String file = a.id() + (a.composed() ? ".mp4" : ".zip");
            url = call.baseUrl()
                    + signer.sign(a.mediaKey(), settings.urlTtl(), "attachment; filename=\"" + file + "\"");
        }
        return ArchiveView.of(a, p, streams, url);
    }

    private static int integer(ProjectCall call, String name, int min, int max, int dflt) {
        String v = call.query(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw VideoApiException.badRequest(
                name + " must be an integer from " + min + " to " + max + ", got '" + v + "'");
    }
}
