package dev.quorum.server;

import dev.quorum.api.archives.SessionDirectory;
import dev.quorum.api.http.ApiErrors;
import dev.quorum.api.rooms.NoLocalRooms;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.MetricsConfig;
import dev.quorum.server.config.ServerConfig;
import dev.quorum.server.config.SignalingConfigs;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.room.Rooms;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.signaling.session.RoomDirectory;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.token.ApiKeySecret;
import dev.quorum.signaling.token.ApiKeySecrets;
import dev.quorum.signaling.web.DevTokens;
import dev.quorum.signaling.web.SignalingServer;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.account.AccountStore;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.ServerMediaStore;
import dev.quorum.storage.room.RoomRecord;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Wires the modules together and owns their lifecycle: started in dependency order, closed in
 * reverse, each close finishing its in-flight work (recordings flushed, callbacks persisted).
 *
 * <p>Start order: every key is read and checked first; then the media port, the stores, the HTTP
 * server (health and metrics), the REST API (so every later event is recorded), the composer, the
 * recorder's recovery, the ending of rooms the last stop left in progress, and last signaling, the
 * only way in for a join.
 */
public final class QuorumServer implements AutoCloseable {

    // Given
    private final ServerConfig config;
    private final ConfigSource source;

    // Owned
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Lifecycle lifecycle = new Lifecycle();
    private Vertx vertx;
    private HttpServer http;
    private EventBus events;
    private MediaPlane mediaPlane;
    private ControlPlane controlPlane;
    // Rooms live in the SFU's engine; without one this server answers from the shared store only.
    private RoomControl rooms = new NoLocalRooms();
    private SignalingServer signaling;
    private MetricsEndpoint metricsEndpoint;
    private Instant startedAt;
    private volatile boolean closed;
    private NodeRoles roles = NodeRoles.ALL;

    public QuorumServer(ServerConfig config, ConfigSource source) {
        this.config = config;
        this.source = source;
    }

    /** Starts every component and the HTTP server; blocks until listening or fails. */
    public void start() throws Exception {
        startedAt = Instant.now();
        Clock clock = Clock.systemUTC();
        events = new EventBus();
        mediaPlane = new MediaPlane(source, metrics, events, lifecycle);
        controlPlane = new ControlPlane(config, source, metrics, events, clock, lifecycle);
        mediaPlane.configure();
        controlPlane.configure();
        SignalingConfig signalingConfig = SignalingConfigs.from(source);
        MetricsConfig metricsConfig = MetricsConfig.from(config, source);
        Duration devTokenTtl = SignalingConfigs.devTokenTtl(source);
        roles = NodeRoles.from(source);
        source.checkNoUnknownKeys();

        Files.createDirectories(config.dataDir());
        bindJvmMetrics();
        lifecycle.started("event bus", events);
        vertx = Vertx.vertx();
        lifecycle.started(
                "vert.x",
                () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

        if (roles.media()) {
            mediaPlane.openPort();
        }
        // Metadata next: the schema is migrated (or the start refused) before anything uses it.
        controlPlane.openStores(mediaPlane.instanceId());
        if (roles.media()) {
            mediaPlane.buildRooms(controlPlane.store(), controlPlane.mediaStore(), controlPlane.placement());
            rooms = mediaPlane.engine();
        }
        RoomHosting hosting = new RoomHosting(controlPlane.store(), events, mediaPlane.instanceId());
        List<RoomRecord> interrupted = hosting.interruptedRooms();
        hosting.start();
        lifecycle.started("room hosting", hosting);

        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.json(health()));
        metricsEndpoint = new MetricsEndpoint(metrics, metricsConfig);
        metricsEndpoint.start(vertx, router);
        lifecycle.started("metrics port", metricsEndpoint);
        http = vertx.createHttpServer(httpOptions())
                .requestHandler(router)
                .invalidRequestHandler(ApiErrors::invalidRequest)
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        lifecycle.started(
                "HTTP server",
                () -> http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

        // Mounted once the port is known, so links are right even on an ephemeral port.
        controlPlane.startApi(vertx, router, rooms, publicUrl(), roles.api());
        controlPlane.startComposer(roles.composer(), roles.media() ? mediaPlane.instanceId() : null);
        if (roles.media()) {
            mediaPlane.startRecorder();
        }
        controlPlane.startUploads();
        controlPlane.store().nodes().register(mediaPlane.instanceId(), publicUrl(), roles.toString());
        hosting.end(interrupted);

        // Signaling last: the /ws WebSocket, the SDK and the demo page (and dev-mode tokens).
        AccountStore.DevelopmentCredentials development =
                controlPlane.development().orElse(null);
        DevTokens devTokens = config.devMode() && development != null
                ? new DevTokens(
                        new ApiKeySecret(
                                development.apiKey().sid(),
                                development.account().sid(),
                                development.apiKey().secret()),
                        devTokenTtl)
                : null;
        signaling = new SignalingServer(
                vertx,
                roomDirectory(),
                apiKeySecrets(),
                new ClientTokens(new SessionDirectory(controlPlane.store(), clock)),
                signalingConfig,
                metrics,
                clock,
                devTokens);
        signaling.mount(router);
        // Closed before the HTTP server: participants leave, sockets close with 1001.
        lifecycle.started("signaling", signaling);
        // Closed first: every room ends (participants told, taps closed) while the bus still delivers.
        if (roles.media()) {
            mediaPlane.acceptRooms();
        }
    }

    /**
     * The HTTP port's options: WebSocket limits for signaling, an idle timeout so that requests
     * left half-sent do not hold connections, and HTTP/2 over cleartext only if configured.
     */
    private HttpServerOptions httpOptions() {
        return SignalingServer.configure(new HttpServerOptions())
                .setHost(config.httpHost())
                .setPort(config.httpPort())
                .setIdleTimeout((int) config.httpIdleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setHttp2ClearTextEnabled(config.h2c());
    }

    /** The port {@code /metrics} is served on when {@code metrics.port} gives it its own, else -1. */
    public int metricsPort() {
        return metricsEndpoint.ownPort();
    }

    boolean metricsNeedToken() {
        return metricsEndpoint.needsToken();
    }

    /** The port the HTTP server listens on (useful when configured as 0). */
    public int httpPort() {
        return http.actualPort();
    }

    public ServerConfig config() {
        return config;
    }

    /** The media port (UDP and ICE-TCP) every room's transports share. */
    public MediaPort media() {
        return mediaPlane.port();
    }

    /** The metadata store (accounts, keys, rooms, recordings, compositions, callbacks). */
    public MetadataStore store() {
        return controlPlane.store();
    }

    /** This node's disk, where recordings and compositions are written. */
    public LocalMediaStore mediaStore() {
        return controlPlane.mediaStore().local();
    }

    /** The server's media store: this node's disk and, when configured, the shared bucket. */
    public ServerMediaStore serverMediaStore() {
        return controlPlane.mediaStore();
    }

    /** The development account and key, when dev mode created or reused them. */
    public Optional<AccountStore.DevelopmentCredentials> developmentCredentials() {
        return controlPlane.development();
    }

    /**
     * Joins go to the rooms engine when this server hosts rooms, unless the room is in progress on
     * another server sharing the database.
     */
    private RoomDirectory roomDirectory() {
        if (!(rooms instanceof Rooms engine)) {
            return RoomDirectory.unavailable();
        }
        java.util.concurrent.ExecutorService lookups = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "room-host-lookup");
            t.setDaemon(true);
            return t;
        });
        lifecycle.started("room host lookups", lookups::shutdownNow);
        return new HostedRooms(RoomDirectory.of(engine), controlPlane.store(), mediaPlane.instanceId(), lookups);
    }

    /** The roles this server plays ({@code node.roles}). */
    public NodeRoles roles() {
        return roles;
    }

    /** Access tokens are signed with API keys of enabled accounts in the metadata store. */
    private ApiKeySecrets apiKeySecrets() {
        MetadataStore store = controlPlane.store();
        return keySid -> store.apiKeys()
                .find(keySid)
                .filter(k -> store.accounts()
                        .find(k.accountSid())
                        .map(Account::enabled)
                        .orElse(false))
                .map(k -> new ApiKeySecret(k.sid(), k.accountSid(), k.secret()));
    }

    /** The signaling service (WebSocket sessions, SDK, demo page). */
    public SignalingServer signaling() {
        return signaling;
    }

    /** The base URL clients reach this server at; the actual port when configured as 0. */
    private String publicUrl() {
        String url = config.publicUrl().toString();
        return config.publicUrl().getPort() == 0 ? url.replaceFirst(":0$", ":" + http.actualPort()) : url;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    private JsonObject health() {
        return new JsonObject()
                .put("status", closed ? "STOPPING" : "UP")
                .put("version", Version.get())
                .put(
                        "uptime_seconds",
                        Duration.between(startedAt, Instant.now()).toSeconds());
    }

    private void bindJvmMetrics() {
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        new FileDescriptorMetrics().bindTo(metrics);
    }

    /**
     * An unclean stop, as a killed process leaves things: everything closes except the rooms
     * engine and signaling, so no room ends and the store keeps the rooms and their connected
     * participants in progress. The next start on the same data ends them. For restart tests.
     */
    public synchronized void closeLeavingRoomsInProgress() {
        if (closed) {
            return;
        }
        lifecycle.abandon(MediaPlane.ENGINE);
        lifecycle.abandon("signaling");
        close();
    }

    /** Stops accepting work, then closes components in reverse start order. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lifecycle.closeAll();
        metrics.close();
    }
}
