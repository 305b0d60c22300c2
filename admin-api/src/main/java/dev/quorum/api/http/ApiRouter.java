package dev.quorum.api.http;

import dev.quorum.storage.StoreException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers resources on a Vert.x router with what every endpoint shares: body parsing,
 * authentication (Basic, or the console's session cookie: {@link Authenticator}), running on a
 * worker thread (the stores block), the error body of the hosted
 * service ({@code code}, {@code message}, {@code more_info}, {@code status}) for every failure
 * including Vert.x's own ({@link ApiErrors}), 405 for a verb a path does not support, 404 for an
 * unknown path, and per-route metrics.
 */
public final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    private static final String ROUTE_KEY = "quorum.route";
    private static final int MAX_BODY = 1 << 20;
    /** The challenge of a 401 to the console's requests: sign in again, on the console's page. */
    public static final String CONSOLE_CHALLENGE = "Session realm=\"Quorum console\"";

    private final Router router;
    private final String mountPrefix;
    private final Authenticator auth;
    private final ApiMetrics metrics;
    private final String baseUrl;
    private final Clock clock;

    /**
     * @param mountPrefix the prefix the router is mounted under ({@code /v1}), for route names in
     *                    metrics
     */
    public ApiRouter(
            Router router, String mountPrefix, Authenticator auth, ApiMetrics metrics, String baseUrl, Clock clock) {
        this.router = router;
        this.mountPrefix = mountPrefix;
        this.auth = auth;
        this.metrics = metrics;
        this.baseUrl = baseUrl;
        this.clock = clock;
        router.route().handler(this::measure);
        // Only POSTs carry parameters in a body; a body on another method is not read.
        router.route()
                .method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY).setMergeFormAttributes(false));
        ApiErrors.install(router);
        router.errorHandler(
                413,
                ctx -> writeError(
                        ctx,
                        new ApiException(
                                413,
                                ApiException.INVALID_PARAMETER,
                                "The request body is larger than " + (MAX_BODY >> 20) + " MiB")));
    }

    /** Starts a resource at {@code path} (relative to the mount point, Vert.x {@code :Param} syntax). */
    public Resource path(String path) {
        return new Resource(path);
    }

    /** Adds the final 404 for paths no resource claims; call after every resource is registered. */
    public void finish() {
        router.route().handler(ctx -> {
            ctx.put(ROUTE_KEY, mountPrefix + "/*");
            writeError(ctx, ApiException.notFound(ctx.request().path()));
        });
    }

    /** The verbs of one path. */
    public final class Resource {
        private final String path;
        private final Map<HttpMethod, Endpoint> endpoints = new LinkedHashMap<>();

        Resource(String path) {
            this.path = path;
        }

        public Resource get(Endpoint e) {
            return on(HttpMethod.GET, e);
        }

        public Resource post(Endpoint e) {
            return on(HttpMethod.POST, e);
        }

        public Resource delete(Endpoint e) {
            return on(HttpMethod.DELETE, e);
        }

        private Resource on(HttpMethod m, Endpoint e) {
            endpoints.put(m, e);
            router.route(m, path).blockingHandler(ctx -> run(ctx, e), false);
            return this;
        }

        /** Registers the 405 for every other verb of this path. */
        public void done() {
            router.route(path).handler(ctx -> {
                ctx.put(ROUTE_KEY, mountPrefix + path);
                ApiException e = ApiException.methodNotAllowed(
                        ctx.request().method().name(), ctx.request().path());
                ctx.response()
                        .putHeader(
                                "Allow",
                                String.join(
                                        ", ",
                                        endpoints.keySet().stream()
                                                .map(HttpMethod::name)
                                                .toList()));
                writeError(ctx, e);
            });
        }

        private void run(RoutingContext ctx, Endpoint e) {
            ctx.put(ROUTE_KEY, mountPrefix + path);
            try {
                Principal p = auth.authenticate(ctx.request());
                e.handle(new Call(ctx, p, baseUrl));
            } catch (ApiException ex) {
                if (ex.status() == 401 && fromConsole(ctx)) {
                    // Not a Basic challenge: a browser would answer the console's own request with a password prompt.
                    ctx.response().putHeader("WWW-Authenticate", CONSOLE_CHALLENGE);
                }
                writeError(ctx, ex);
            } catch (StoreException ex) {
                LOG.error(
                        "Metadata store failed on {} {}",
                        ctx.request().method(),
                        ctx.request().path(),
                        ex);
                writeError(
                        ctx,
                        new ApiException(
                                500,
                                ApiException.INTERNAL,
                                "The server could not reach its metadata store; retry later"));
            } catch (Exception | Error ex) {
                LOG.error(
                        "Unexpected failure on {} {}",
                        ctx.request().method(),
                        ctx.request().path(),
                        ex);
                writeError(ctx, new ApiException(500, ApiException.INTERNAL, "Internal server error"));
            }
        }
    }

    /**
     * Writes the error body; the status is the exception's. A 401 challenges for Basic
     * authentication unless the caller already set another challenge.
     */
    public static void writeError(RoutingContext ctx, ApiException e) {
        writeError(ctx.response(), e);
    }

    /** {@link #writeError(RoutingContext, ApiException)} for a response outside the router. */
    public static void writeError(HttpServerResponse response, ApiException e) {
        if (response.ended()) {
            return;
        }
        if (e.status() == 401 && !response.headers().contains("WWW-Authenticate")) {
            response.putHeader("WWW-Authenticate", "Basic realm=\"Quorum\"");
        }
        JsonObject body = new JsonObject()
                .put("code", e.code())
                .put("message", e.getMessage())
                .put("more_info", "https://www.twilio.com/docs/errors/" + e.code())
                .put("status", e.status());
        response.setStatusCode(e.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    /** True for a request the console sent: it carries the session cookie or the CSRF header. */
    static boolean fromConsole(RoutingContext ctx) {
        return ctx.request().getCookie(CookieSessions.COOKIE) != null
                || ctx.request().getHeader(CookieSessions.CSRF_HEADER) != null;
    }

    private void measure(RoutingContext ctx) {
        Instant start = clock.instant();
        ctx.addEndHandler(done -> {
            String route = ctx.get(ROUTE_KEY, mountPrefix + "/*");
            metrics.request(
                    route,
                    ctx.request().method(),
                    ctx.response().getStatusCode(),
                    Duration.between(start, clock.instant()));
        });
        ctx.next();
    }
}
