package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.Await;
import dev.quorum.composer.job.ArchiveRendering;
import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The archive API over HTTP against the real API server (on SQLite and on PostgreSQL), with the
 * in-memory rooms engine standing in for browsers, a clock the test moves, and two projects: an
 * API-key project and an application, both posting their archive callbacks to a receiver.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
abstract class ArchiveTestBase {

    static final String API_KEY = "123456";
    static final String SECRET = "project-secret-123456";
    static final String APP = "5a1a0f7e-5dc4-4e83-a8b9-3c4e1f0a9d21";
    static final String CALLBACK_SECRET = "callback-secret-of-the-project";
    static final KeyPair APP_KEY = rsa();

    /** The hosted timers, checked every 20 ms so that moving the clock takes effect at once. */
    static final ArchiveSettings SETTINGS = new ArchiveSettings(
            Duration.ofSeconds(60),
            Duration.ofHours(4),
            Duration.ofHours(12),
            Duration.ofMinutes(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(2),
            Duration.ofHours(72),
            Duration.ofMinutes(10),
            Duration.ofMillis(20));

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(java.time.Instant.now());
    ApiServer server;
    JsonCallbackReceiver callbacks;
    VideoApiClient opentok;
    VideoApiClient vonage;

    @BeforeEach
    void startServer() {
        callbacks = new JsonCallbackReceiver();
        server = new ApiServer(database, dir, clock, ApiServer.FAST_CALLBACKS, this::options);
        server.store()
                .projects()
                .syncConfigured(List.of(
                        new VideoProject(
                                API_KEY,
                                VideoProject.OPENTOK,
                                ApiServer.ACCOUNT,
                                SECRET,
                                null,
                                "VP8",
                                callbacks.url(),
                                CALLBACK_SECRET,
                                VideoProject.CONFIGURED,
                                true,
                                null,
                                null),
                        new VideoProject(
                                APP,
                                VideoProject.VONAGE,
                                ApiServer.ACCOUNT,
                                null,
                                pem(APP_KEY),
                                "H264",
                                callbacks.url(),
                                CALLBACK_SECRET,
                                VideoProject.CONFIGURED,
                                true,
                                null,
                                null)));
        opentok = VideoApiClient.opentok(server.baseUrl(), API_KEY, SECRET, clock);
        vonage = VideoApiClient.vonage(server.baseUrl(), APP, APP_KEY.getPrivate(), clock);
    }

    /** The archive API's options, made at each (re)start once the stores are open. */
    ArchiveApi.Options options(ApiServer s) {
        return new ArchiveApi.Options(SETTINGS, new ArchiveRendering(s.store(), s.media(), dir.resolve("work")));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        if (callbacks != null) {
            callbacks.close();
        }
    }

    /** A new routed session of the client's project. */
    String session(VideoApiClient client, String form) {
        VideoApiClient.Reply r = client.createSession(form);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.array().getJsonObject(0).getString("session_id");
    }

    String session(VideoApiClient client) {
        return session(client, "");
    }

    /** The session's room, as a first client's join creates it. */
    RoomInfo room(String sessionId) {
        return server.rooms().findRoom(ApiServer.ACCOUNT, sessionId).orElseGet(() -> {
            try {
                return server.rooms().createRoom(ApiServer.ACCOUNT, sessionId, RoomSettings.defaults(false));
            } catch (dev.quorum.sfu.api.RoomException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    ParticipantInfo join(String sessionId, String identity) {
        ParticipantInfo p = server.rooms().join(room(sessionId).sid(), identity);
        server.awaitEvents();
        return p;
    }

    JsonObject start(VideoApiClient client, JsonObject body) {
        VideoApiClient.Reply r = client.post("/archive", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    JsonObject get(VideoApiClient client, String id) {
        VideoApiClient.Reply r = client.get("/archive/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** Waits until the archive shows {@code status}; returns it. */
    JsonObject awaitStatus(VideoApiClient client, String id, String status) {
        Await.until(
                "archive " + id + " " + status,
                () -> status.equals(client.get("/archive/" + id).json().getString("status")));
        return get(client, id);
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair k) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(k.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
