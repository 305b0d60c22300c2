package dev.quorum.signaling.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.signaling.negotiation.EngineCapabilities;
import dev.quorum.signaling.session.RoomDirectory;
import dev.quorum.signaling.session.Scheduler;
import dev.quorum.signaling.session.Signaling;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.session.SignalingMetrics;
import dev.quorum.signaling.token.AccessTokenMinter;
import dev.quorum.signaling.token.AccessTokenVerifier;
import dev.quorum.signaling.token.ApiKeySecrets;
import dev.quorum.signaling.token.ClientTokenKeys;
import dev.quorum.signaling.token.ClientTokenVerifier;
import dev.quorum.signaling.token.TokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signaling on the server's HTTP port. {@link #mount} adds:
 * <ul>
 *   <li>{@code GET /ws}: the signaling WebSocket (protocol in docs/signaling.md);</li>
 *   <li>{@code GET /sdk/quorum.js}: the browser SDK (docs/sdk.md); it and the demo page's files
 *       also answer {@code HEAD};</li>
 *   <li>{@code GET /}: the demo page, with {@code /demo/demo.js}, {@code /demo/demo.css} and
 *       {@code /demo/config.json} (whether this server mints development tokens);</li>
 *   <li>{@code POST /dev/token} with {@code {"identity": …, "room": …}}: a token signed with the
 *       development key, only when {@link DevTokens} are given (development mode); otherwise 404.</li>
 * </ul>
 */
public final class SignalingServer implements AutoCloseable {

    /** Vert.x's own hard limit on a message; our configurable limit sits below it. */
    public static final int HARD_MESSAGE_LIMIT = 4 * 1024 * 1024;

    static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    // Given
    private final Vertx vertx;
    private final DevTokens devTokens;
    private final Clock clock;

    // Owned
    private final ExecutorService executor;
    private final Signaling signaling;

    /**
     * @param devTokens null unless development mode is on
     */
    public SignalingServer(
            Vertx vertx,
            RoomDirectory rooms,
            ApiKeySecrets keys,
            SignalingConfig config,
            MeterRegistry registry,
            Clock clock,
            DevTokens devTokens) {
        this(vertx, rooms, keys, null, config, registry, clock, devTokens);
    }

    /**
     * @param clientKeys the archive API's projects and sessions, so browsers join with the client
     *                   tokens its server SDKs mint; null to accept access tokens only
     * @param devTokens  null unless development mode is on
     */
    public SignalingServer(
            Vertx vertx,
            RoomDirectory rooms,
            ApiKeySecrets keys,
            ClientTokenKeys clientKeys,
            SignalingConfig config,
            MeterRegistry registry,
            Clock clock,
            DevTokens devTokens) {
        this.vertx = vertx;
        this.devTokens = devTokens;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "signaling-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Scheduler scheduler = (delay, task) -> {
            long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
            return () -> vertx.cancelTimer(id);
        };
        TokenVerifier verifier = TokenVerifier.of(
                new AccessTokenVerifier(keys, clock, config.tokenLeeway()),
                clientKeys == null ? null : new ClientTokenVerifier(clientKeys, clock, config.tokenLeeway()));
        this.signaling = new Signaling(
                rooms,
                verifier,
                EngineCapabilities.DEFAULT,
                config,
                new SignalingMetrics(registry),
                scheduler,
                executor,
                System::nanoTime);
    }

    /** Raises Vert.x's WebSocket frame and message limits so that our own limit is the one clients meet. */
    public static HttpServerOptions configure(HttpServerOptions options) {
        return options.setMaxWebSocketFrameSize(HARD_MESSAGE_LIMIT).setMaxWebSocketMessageSize(HARD_MESSAGE_LIMIT);
    }

    public void mount(Router router) {
        router.get("/ws")
                .handler(ctx -> ctx.request()
                        .toWebSocket()
                        .onSuccess(ws -> WebSocketConnection.accept(vertx, ws, signaling, PING_INTERVAL))
                        .onFailure(e -> {
                            if (!ctx.response().ended()) {
                                ctx.response().setStatusCode(400).end("expected a WebSocket upgrade");
                            }
                        }));
        StaticAssets.mount(router, "/sdk/quorum.js", "web/sdk/quorum.js", "text/javascript; charset=utf-8");
        StaticAssets.mount(router, "/", "web/demo/index.html", "text/html; charset=utf-8");
        StaticAssets.mount(router, "/demo/demo.js", "web/demo/demo.js", "text/javascript; charset=utf-8");
        StaticAssets.mount(router, "/demo/demo.css", "web/demo/demo.css", "text/css; charset=utf-8");
        router.get("/demo/config.json").handler(ctx -> ctx.json(new JsonObject().put("devTokens", devTokens != null)));
        if (devTokens != null) {
            router.post("/dev/token")
                    .handler(BodyHandler.create().setBodyLimit(4096))
                    .handler(this::mintDevToken);
        }
    }

    public Signaling signaling() {
        return signaling;
    }

    private void mintDevToken(RoutingContext ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(
                    ctx.body().asString() == null ? "{}" : ctx.body().asString());
        } catch (IOException e) {
            ctx.response().setStatusCode(400).end("{\"message\":\"body must be JSON\"}");
            return;
        }
        String identity = body.path("identity").asText("");
        String room = body.path("room").asText("");
        if (identity.isEmpty() || identity.length() > 128 || room.isEmpty() || room.length() > 128) {
            ctx.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"message\":\"identity and room must be 1 to 128 characters\"}");
            return;
        }
        String token = new AccessTokenMinter(devTokens.key(), clock).mint(identity, room, devTokens.ttl());
        ctx.json(new JsonObject().put("token", token).put("identity", identity).put("room", room));
    }

    /** Ends every session (participants leave, sockets close with 1001). */
    @Override
    public void close() {
        signaling.close();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
