package dev.quorum.server;

import dev.quorum.api.http.ApiErrors;
import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.server.config.MetricsConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} in the Prometheus text format: on the HTTP port next to the API, or on a
 * port of its own (which can bind an internal interface), and behind a bearer token when one is
 * configured. The meters carry no tenant data (no SIDs unless per-room meters are turned on), but
 * they do show how busy the server is, which a public port need not tell everyone.
 */
final class MetricsEndpoint implements AutoCloseable {

    static final String PATH = "/metrics";

    private final PrometheusMeterRegistry registry;
    private final MetricsConfig config;
    private final byte[] token;
    private HttpServer ownServer;

    MetricsEndpoint(PrometheusMeterRegistry registry, MetricsConfig config) {
        this.registry = registry;
        this.config = config;
        this.token = config.token().isEmpty() ? null : ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
    }

    /** Serves {@code /metrics} on {@code main}, or starts its own port if configured; blocks until listening. */
    void start(Vertx vertx, Router main) throws Exception {
        if (config.port().isEmpty()) {
            main.get(PATH).handler(this::scrape);
            return;
        }
        Router own = Router.router(vertx);
        ApiErrors.install(own);
        own.get(PATH).handler(this::scrape);
        ownServer = vertx.createHttpServer()
                .requestHandler(own)
                .invalidRequestHandler(ApiErrors::invalidRequest)
                .listen(config.port().get(), config.host())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    /** The port {@code /metrics} is on, when it has its own. */
    int ownPort() {
        return ownServer == null ? -1 : ownServer.actualPort();
    }

    boolean needsToken() {
        return token != null;
    }

    private void scrape(RoutingContext ctx) {
        if (token != null) {
            String given = ctx.request().getHeader("Authorization");
            if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                ApiRouter.writeError(
                        ctx,
                        new ApiException(
                                401,
                                ApiException.AUTHENTICATE,
                                "Authenticate: send Authorization: Bearer <metrics.token>"));
                return;
            }
        }
        ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape());
    }

    @Override
    public void close() throws Exception {
        if (ownServer != null) {
            ownServer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
