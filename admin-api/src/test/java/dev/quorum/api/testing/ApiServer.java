package dev.quorum.api.testing;

import dev.quorum.api.AdminApi;
import dev.quorum.api.ApiConfig;
import dev.quorum.api.accounts.AccountSetup;
import dev.quorum.api.archives.ArchiveApi;
import dev.quorum.api.callbacks.CallbackPolicy;
import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.ServerEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.account.ApiKey;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.testing.StoreFixture;
import dev.quorum.storage.testing.TestDatabase;
import dev.quorum.storage.upload.ExternalBuckets;
import dev.quorum.storage.upload.UploadConfig;
import dev.quorum.storage.url.MediaUrlSigner;
import dev.quorum.storage.url.MediaUrls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The REST API running for real over HTTP on a free port: Vert.x, a fresh metadata store
 * (SQLite or PostgreSQL), a local media store, the event bus and {@link InMemoryRoomControl}.
 * Two accounts are configured ({@link #ACCOUNT} with key {@link #KEY}, and {@link #OTHER}).
 * {@link #restart()} stops everything but the database and media, and starts again on them.
 */
public final class ApiServer implements AutoCloseable {

    public static final String ACCOUNT = "AC" + "a".repeat(32);
    public static final String TOKEN = "token-of-account-a";
    public static final String KEY = "SK" + "a".repeat(32);
    public static final String KEY_SECRET = "secret-of-key-a";
    public static final String OTHER = "AC" + "b".repeat(32);
    public static final String OTHER_TOKEN = "token-of-account-b";

    /** Fast retries so tests see several attempts within a second or two. */
    public static final CallbackPolicy FAST_CALLBACKS = new CallbackPolicy(
            Duration.ofSeconds(2),
            Duration.ofMillis(50),
            Duration.ofMillis(400),
            0.2,
            Duration.ofHours(24),
            Duration.ofMillis(50),
            8);

    private final StoreFixture fixture;
    private final Path mediaDir;
    private final Clock clock;
    private final CallbackPolicy callbacks;
    private final CallbackTargets targets;
    private final java.util.function.Function<ApiServer, ArchiveApi.Options> archives;
    private String roomCallback;

    private Vertx vertx;
    private HttpServer http;
    private EventBus events;
    private AdminApi api;
    private InMemoryRoomControl rooms;
    private LocalMediaStore media;
    private MediaUrlSigner signer;
    private SimpleMeterRegistry metrics;

    /** @param targets where callbacks may go ({@link CallbackTargets#ANY}, as in development mode, elsewhere) */
    public ApiServer(TestDatabase db, Path dir, Clock clock, CallbackPolicy callbacks, CallbackTargets targets) {
        this(db, dir, clock, callbacks, targets, null);
    }

    /** @param archives the archive API's options, made once the stores are open; null for the defaults */
    public ApiServer(
            TestDatabase db,
            Path dir,
            Clock clock,
            CallbackPolicy callbacks,
            java.util.function.Function<ApiServer, ArchiveApi.Options> archives) {
        this(db, dir, clock, callbacks, CallbackTargets.ANY, archives);
    }

    private ApiServer(
            TestDatabase db,
            Path dir,
            Clock clock,
            CallbackPolicy callbacks,
            CallbackTargets targets,
            java.util.function.Function<ApiServer, ArchiveApi.Options> archives) {
        this.fixture = StoreFixture.open(db, dir, clock);
        this.mediaDir = dir.resolve("media");
        this.clock = clock;
        this.callbacks = callbacks;
        this.targets = targets;
        this.archives = archives;
        start();
    }

    public ApiServer(TestDatabase db, Path dir, Clock clock, CallbackPolicy callbacks) {
        this(db, dir, clock, callbacks, CallbackTargets.ANY);
    }

    public ApiServer(TestDatabase db, Path dir) {
        this(db, dir, Clock.systemUTC(), FAST_CALLBACKS);
    }

    /** Sets account A's default room callback (for rooms created without one) and restarts. */
    public void setAccountRoomCallback(String url) {
        roomCallback = url;
        AccountSetup.apply(store(), accounts(), keys(), false);
    }

    private List<Account> accounts() {
        return List.of(
                new Account(
                        ACCOUNT, "Account A", TOKEN, Account.CONFIGURED, true, roomCallback, "POST", false, null, null),
                new Account(
                        OTHER, "Account B", OTHER_TOKEN, Account.CONFIGURED, true, null, "POST", false, null, null));
    }

    private static List<ApiKey> keys() {
        return List.of(new ApiKey(KEY, ACCOUNT, "test key", KEY_SECRET, ApiKey.CONFIGURED, null, null));
    }

    private void start() {
        try {
            MetadataStore store = fixture.store();
            AccountSetup.apply(store, accounts(), keys(), false);
            vertx = Vertx.vertx();
            events = new EventBus();
            rooms = new InMemoryRoomControl(events, clock);
            media = new LocalMediaStore(mediaDir);
            signer = MediaUrls.signer(store, "", clock);
            metrics = new SimpleMeterRegistry();
            Router router = Router.router(vertx);
            // The public URL is only known once the port is; bind first, then mount.
            http = vertx.createHttpServer().requestHandler(router).listen(0).await();
            ApiConfig config = new ApiConfig(baseUrl(), callbacks, targets, "test-node", Duration.ofHours(6));
            ExternalBuckets buckets = new ExternalBuckets(store.credentials(), UploadConfig.defaults());
            api = new AdminApi(
                    vertx,
                    store,
                    media,
                    signer,
                    rooms,
                    config,
                    metrics,
                    clock,
                    archives == null
                            ? ArchiveApi.Options.defaults(
                                    store, media, Path.of(System.getProperty("java.io.tmpdir"), "quorum-archives"))
                            : archives.apply(this),
                    buckets);
            api.mount(router);
            api.start(events);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        api.close();
        events.close();
        http.close().await();
        vertx.close().await();
    }

    /** Stops the server (API, dispatcher, bus, store) and starts it again on the same data. */
    public void restart() {
        stop();
        fixture.reopen();
        start();
    }

    /** Returns once every event published so far has been recorded (and its callback queued). */
    public void awaitEvents() {
        CountDownLatch seen = new CountDownLatch(1);
        ServerEvent barrier = new ServerEvent() {
            @Override
            public String name() {
                return "test-barrier";
            }

            @Override
            public String accountSid() {
                return ACCOUNT;
            }

            @Override
            public Instant timestamp() {
                return Instant.EPOCH;
            }
        };
        AutoCloseable sub = events.subscribe(e -> {
            if (e == barrier) {
                seen.countDown();
            }
        });
        events.publish(barrier);
        try {
            if (!seen.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("event bus did not drain within 10 s");
            }
            sub.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.actualPort();
    }

    public int port() {
        return http.actualPort();
    }

    public MetadataStore store() {
        return fixture.store();
    }

    public InMemoryRoomControl rooms() {
        return rooms;
    }

    public EventBus events() {
        return events;
    }

    public LocalMediaStore media() {
        return media;
    }

    public SimpleMeterRegistry metrics() {
        return metrics;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** An HTTP client authenticated as account A with its auth token. */
    public TestClient client() {
        return new TestClient(baseUrl(), ACCOUNT, TOKEN);
    }

    public TestClient client(String user, String secret) {
        return new TestClient(baseUrl(), user, secret);
    }

    @Override
    public void close() {
        stop();
        fixture.close();
    }
}
