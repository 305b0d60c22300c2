package dev.quorum.signaling.testing;

import dev.quorum.signaling.session.RoomDirectory;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.token.ApiKeySecret;
import dev.quorum.signaling.token.ApiKeySecrets;
import dev.quorum.signaling.web.DevTokens;
import dev.quorum.signaling.web.SignalingServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Signaling's routes on a Vert.x HTTP server at 127.0.0.1 (or another local address) on a free
 * port, over any engine.
 */
public final class TestHttpServer implements AutoCloseable {

    public static final ApiKeySecret KEY = new ApiKeySecret(
            "SK0123456789abcdef0123456789abcdef",
            "AC0123456789abcdef0123456789abcdef",
            "a-secret-of-thirty-two-bytes-or-more");

    public final Vertx vertx;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final SignalingServer signaling;
    private final HttpServer http;
    private final boolean ownsVertx;
    private final String host;

    public TestHttpServer(RoomDirectory rooms, SignalingConfig config, boolean devTokens) throws Exception {
        this(Vertx.vertx(), true, rooms, config, devTokens, "127.0.0.1");
    }

    public TestHttpServer(
            Vertx vertx, boolean ownsVertx, RoomDirectory rooms, SignalingConfig config, boolean devTokens)
            throws Exception {
        this(vertx, ownsVertx, rooms, config, devTokens, "127.0.0.1");
    }

    /** Listening on {@code host}, which {@link #url} names (127.0.0.1 for every address, 0.0.0.0). */
    public TestHttpServer(
            Vertx vertx, boolean ownsVertx, RoomDirectory rooms, SignalingConfig config, boolean devTokens, String host)
            throws Exception {
        this.vertx = vertx;
        this.host = host;
        this.ownsVertx = ownsVertx;
        signaling = new SignalingServer(
                vertx,
                rooms,
                ApiKeySecrets.inMemory().add(KEY),
                config,
                registry,
                Clock.systemUTC(),
                devTokens ? new DevTokens(KEY, Duration.ofHours(1)) : null);
        Router router = Router.router(vertx);
        signaling.mount(router);
        http = vertx.createHttpServer(SignalingServer.configure(new HttpServerOptions()))
                .requestHandler(router)
                .listen(0, host)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return http.actualPort();
    }

    public String url() {
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port();
    }

    @Override
    public void close() throws Exception {
        signaling.close();
        http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (ownsVertx) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
