package dev.quorum.api.projects;

import dev.quorum.api.http.ApiMetrics;
import dev.quorum.storage.StoreException;
import dev.quorum.storage.archive.VideoProject;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the archive API's endpoints: {@code /v2/project/:projectId/…} (authenticated for the
 * project of the path) and {@code /session/create} (for the project of the token). Each runs on a
 * worker thread; errors are {@code {"code","message","detail"}} JSON with the HTTP status in
 * {@code code} (the Vonage SDK parses every error body as JSON, and shows {@code detail} — the same
 * text as {@code message} — in its exception's message); an unknown path is 404 and another verb 405.
 */
public final class ProjectRouter {

    /** One operation; runs on a worker thread and may block on the stores. */
    @FunctionalInterface
    public interface Handler {
        void handle(ProjectCall call) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProjectRouter.class);
    private static final String PREFIX = "/v2/project/:projectId";
    private static final int MAX_BODY = 1 << 20;

    private final Router router;
    private final ProjectAuth auth;
    private final ApiMetrics metrics;
    private final String baseUrl;
    private final Clock clock;
    private final Map<String, List<HttpMethod>> verbs = new LinkedHashMap<>();

    public ProjectRouter(Router router, ProjectAuth auth, ApiMetrics metrics, String baseUrl, Clock clock) {
        this.router = router;
        this.auth = auth;
        this.metrics = metrics;
        this.baseUrl = baseUrl;
        this.clock = clock;
        for (String p : List.of("/session/create", "/v2/project/*")) {
            router.route(p).handler(this::measure);
            router.route(p)
                    .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY).setMergeFormAttributes(false))
                    .failureHandler(this::failed);
        }
    }

    /** Registers {@code method} on {@code path} under {@code /v2/project/:projectId}. */
    public ProjectRouter project(HttpMethod method, String path, Handler h) {
        return on(method, PREFIX + path, h, true);
    }

    /** Registers {@code POST /session/create}: the token alone names the project. */
    public ProjectRouter sessionCreate(Handler h) {
        return on(HttpMethod.POST, "/session/create", h, false);
    }

    private ProjectRouter on(HttpMethod method, String path, Handler h, boolean inPath) {
        verbs.computeIfAbsent(path, k -> new ArrayList<>()).add(method);
        router.route(method, path).blockingHandler(ctx -> run(ctx, path, h, inPath), false);
        return this;
    }

    /** Adds 405 for other verbs of the registered paths and 404 for unknown paths; call last. */
    public void finish() {
        verbs.forEach((path, allowed) -> router.route(path).handler(ctx -> {
            ctx.put("quorum.route", path);
            ctx.response()
                    .putHeader(
                            "Allow",
                            String.join(
                                    ", ", allowed.stream().map(HttpMethod::name).toList()));
            write(
                    ctx,
                    new VideoApiException(
                            405,
                            "Method " + ctx.request().method() + " is not allowed on "
                                    + ctx.request().path()));
        }));
        router.route("/v2/project/*")
                .handler(ctx -> write(
                        ctx,
                        VideoApiException.notFound(
                                "The requested resource " + ctx.request().path() + " was not found")));
    }

    private void run(RoutingContext ctx, String path, Handler h, boolean inPath) {
        ctx.put("quorum.route", path);
        try {
            VideoProject p = auth.authenticate(inPath ? ctx.pathParam("projectId") : null, ctx.request());
            h.handle(new ProjectCall(ctx, p, baseUrl));
        } catch (VideoApiException e) {
            write(ctx, e);
        } catch (StoreException e) {
            LOG.error(
                    "Metadata store failed on {} {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    e);
            write(ctx, new VideoApiException(500, "The server could not reach its metadata store; retry later"));
        } catch (Exception | Error e) {
            LOG.error(
                    "Unexpected failure on {} {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    e);
            write(ctx, new VideoApiException(500, "Internal server error"));
        }
    }

    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() == 413 ? 413 : 400;
        write(
                ctx,
                new VideoApiException(
                        status,
                        status == 413
                                ? "The request body is larger than 1 MiB"
                                : "The request body could not be read"));
    }

    static void write(RoutingContext ctx, VideoApiException e) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(e.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject()
                        .put("code", e.status())
                        .put("message", e.getMessage())
                        .put("detail", e.getMessage())
                        .encode());
    }

    private void measure(RoutingContext ctx) {
        Instant start = clock.instant();
        ctx.addEndHandler(done -> metrics.request(
                ctx.get("quorum.route", "/v2/project/*"),
                ctx.request().method(),
                ctx.response().getStatusCode(),
                Duration.between(start, clock.instant())));
        ctx.next();
    }
}
