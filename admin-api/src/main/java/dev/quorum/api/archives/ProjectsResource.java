package dev.quorum.api.archives;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Dates;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.storage.Cursor;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.archive.VideoProject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code /v1/Projects[/{Id}]} (our extension): the account's projects of the archive API, so a
 * caller holding the account's credentials — the web console — can find their archives. Secrets
 * and keys are never shown.
 */
public final class ProjectsResource {

    private final MetadataStore store;

    public ProjectsResource(MetadataStore store) {
        this.store = store;
    }

    public void register(ApiRouter api) {
        api.path("/Projects").get(this::list).done();
        api.path("/Projects/:Id").get(this::fetch).done();
    }

    private List<VideoProject> projects(Call call) {
        return store.projects().enabled().stream()
                .filter(p -> p.accountSid().equals(call.account()))
                .sorted(Comparator.comparing(VideoProject::dateCreated)
                        .thenComparing(VideoProject::id)
                        .reversed())
                .toList();
    }

    private void list(Call call) {
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        Page<VideoProject> result = Paging.slice(
                projects(call),
                p -> new Cursor(p.dateCreated().toEpochMilli(), p.id()),
                page.cursor(),
                page.pageSize());
        JsonArray items = new JsonArray();
        result.items().forEach(p -> items.add(view(p, call.baseUrl())));
        call.json(
                200,
                Paging.list(
                        "projects",
                        items,
                        Paging.meta("projects", call.baseUrl(), "/v1/Projects", q, page, result.next())));
    }

    private void fetch(Call call) {
        String id = call.pathParam("Id").toLowerCase(Locale.ROOT);
        VideoProject p = store.projects()
                .find(id)
                .filter(VideoProject::enabled)
                .filter(v -> v.accountSid().equals(call.account()))
                .orElseThrow(() -> ApiException.notFound(call.path()));
        call.json(200, view(p, call.baseUrl()));
    }

    static JsonObject view(VideoProject p, String baseUrl) {
        return new JsonObject()
                .put("id", p.id())
                .put("account_sid", p.accountSid())
                .put("type", p.opentok() ? "api-key" : "application")
                .put("video_codec", p.videoCodec())
                .put("archive_callback", p.archiveCallback())
                .put("date_created", Dates.iso(p.dateCreated()))
                .put("date_updated", Dates.iso(p.dateUpdated()))
                .put("url", baseUrl + "/v1/Projects/" + p.id())
                .put("links", new JsonObject().put("archives", baseUrl + "/v2/project/" + p.id() + "/archive"));
    }
}
