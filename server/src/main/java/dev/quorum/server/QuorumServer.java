package dev.quorum.server;

import dev.quorum.api.AdminApi;
import dev.quorum.api.ApiConfig;
import dev.quorum.api.accounts.AccountSetup;
import dev.quorum.api.rooms.NoLocalRooms;
import dev.quorum.server.config.AccountConfigs;
import dev.quorum.server.config.ApiConfigs;
import dev.quorum.server.config.StorageConfigs;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.StorageConfig;
import dev.quorum.storage.account.AccountStore;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.url.MediaUrlSigner;
import dev.quorum.storage.url.MediaUrls;
import dev.quorum.server.config.ConfigException;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.MediaConfigs;
import dev.quorum.server.config.ServerConfig;
import dev.quorum.server.config.SignalingConfigs;
import dev.quorum.recorder.Recorder;
import dev.quorum.recorder.RecorderConfig;
import dev.quorum.api.accounts.AdHocRooms;
import dev.quorum.server.config.RoomsConfigs;
import dev.quorum.sfu.room.RoomClock;
import dev.quorum.sfu.room.Rooms;
import dev.quorum.sfu.room.link.TransportLinks;
import dev.quorum.signaling.session.RoomDirectory;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.token.ApiKeySecret;
import dev.quorum.signaling.token.ApiKeySecrets;
import dev.quorum.signaling.web.DevTokens;
import dev.quorum.signaling.web.SignalingServer;
import dev.quorum.storage.account.Account;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.transport.MediaPort;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the modules together and owns their lifecycle: started in dependency order, closed in
 * reverse, each close finishing its in-flight work (recordings flushed, callbacks persisted).
 */
public final class QuorumServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuorumServer.class);

    // Given
    private final ServerConfig config;
    private final ConfigSource source;

    // Owned
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Vertx vertx;
    private HttpServer http;
    private EventBus events;
    private MetadataStore store;
    private LocalMediaStore mediaStore;
    private MediaUrlSigner mediaLinks;
    // Rooms live in the SFU's engine; without one this server answers from the shared store only.
    private RoomControl rooms = new NoLocalRooms();
    private AdminApi api;
    private AccountStore.DevelopmentCredentials development;
    private MediaPort media;
    private SignalingServer signaling;
    private Instant startedAt;
    private volatile boolean closed;

    public QuorumServer(ServerConfig config, ConfigSource source) {
        this.config = config;
        this.source = source;
    }

    /** Starts every component and the HTTP server; blocks until listening or fails. */
    public void start() throws Exception {
        startedAt = Instant.now();
        Files.createDirectories(config.dataDir());
        bindJvmMetrics();

        events = new EventBus();
        started.push(events);

        vertx = Vertx.vertx();
        started.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

        media = new MediaPort(MediaConfigs.from(source), metrics);
        started.push(media);
        try {
            media.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalArgumentException bad
                    ? new ConfigException(bad.getMessage())
                    : new IllegalStateException("Cannot open the media port: " + e.getCause(), e.getCause());
        }

        // Metadata first: the schema is migrated (or the start refused) before anything uses it.
        StorageConfig storage = StorageConfigs.from(config, source);
        store = MetadataStore.open(storage, Clock.systemUTC());
        started.push(store);
        mediaStore = new LocalMediaStore(storage.mediaDir());
        mediaLinks = MediaUrls.signer(store, storage.mediaUrlSecret(), Clock.systemUTC());
        AccountConfigs.Configured configured = AccountConfigs.from(source);
        development = AccountSetup.apply(store, configured.accounts(), configured.keys(), config.devMode()).orElse(null);
        // The rooms engine on the media port's event loops; recorded tracks go to the recorder.
        Recorder recorder = new Recorder(RecorderConfig.defaults(), store.recordings(), mediaStore, events, metrics);
        recorder.recover();
        recorder.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        started.push(recorder);
        Rooms engine = new Rooms(RoomsConfigs.from(source), media.eventLoops(), new TransportLinks(media), events,
                recorder, metrics, RoomClock.system(), AdHocRooms.settings(store));
        rooms = engine;
        ApiConfig apiConfig = ApiConfigs.from(config, source);
        SignalingConfig signalingConfig = SignalingConfigs.from(source);
        Duration devTokenTtl = SignalingConfigs.devTokenTtl(source);
        DevTokens devTokens = config.devMode() && development != null
                ? new DevTokens(new ApiKeySecret(development.apiKey().sid(), development.account().sid(),
                        development.apiKey().secret()), devTokenTtl)
                : null;

        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.json(health()));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));

        source.checkNoUnknownKeys();

        // Signaling: the /ws WebSocket, the SDK and the demo page (and dev-mode tokens).
        signaling = new SignalingServer(vertx, roomDirectory(), apiKeySecrets(), signalingConfig, metrics,
                Clock.systemUTC(), devTokens);
        signaling.mount(router);

        http = vertx.createHttpServer(SignalingServer.configure(new HttpServerOptions())
                        .setHost(config.httpHost()).setPort(config.httpPort()))
                .requestHandler(router)
                .listen()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        started.push(() -> http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        // Closed before the HTTP server: participants leave, sockets close with 1001.
        started.push(signaling);

        // Mounted once the port is known, so links are right even on an ephemeral port.
        api = new AdminApi(vertx, store, mediaStore, mediaLinks, rooms, apiConfig.withPublicUrl(publicUrl()), metrics,
                Clock.systemUTC());
        api.mount(router);
        started.push(api);
        api.start(events);
        // On close, events still in the bus are recorded (and their callbacks queued) before the API stops.
        started.push(events::close);
        // Closed first: every room ends (participants told, taps closed) while the bus still delivers.
        started.push(engine);
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
        return media;
    }

    /** The metadata store (accounts, keys, rooms, recordings, compositions, callbacks). */
    public MetadataStore store() {
        return store;
    }

    /** The media store recordings and compositions are written to. */
    public LocalMediaStore mediaStore() {
        return mediaStore;
    }

    /** The development account and key, when dev mode created or reused them. */
    public Optional<AccountStore.DevelopmentCredentials> developmentCredentials() {
        return Optional.ofNullable(development);
    }

    /** Joins go to the rooms engine when this server hosts rooms. */
    private RoomDirectory roomDirectory() {
        return rooms instanceof Rooms engine ? RoomDirectory.of(engine) : RoomDirectory.unavailable();
    }

    /** Access tokens are signed with API keys of enabled accounts in the metadata store. */
    private ApiKeySecrets apiKeySecrets() {
        return keySid -> store.apiKeys().find(keySid)
                .filter(k -> store.accounts().find(k.accountSid()).map(Account::enabled).orElse(false))
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
                .put("uptime_seconds", Duration.between(startedAt, Instant.now()).toSeconds());
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

    /** Stops accepting work, then closes components in reverse start order. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping a component", e);
            }
        }
        metrics.close();
    }
}
