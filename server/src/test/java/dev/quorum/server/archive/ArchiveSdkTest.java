package dev.quorum.server.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opentok.Archive;
import com.opentok.ArchiveLayout;
import com.opentok.ArchiveList;
import com.opentok.ArchiveMode;
import com.opentok.ArchiveProperties;
import com.opentok.MediaMode;
import com.opentok.OpenTok;
import com.opentok.Role;
import com.opentok.ScreenShareLayoutType;
import com.opentok.SessionProperties;
import com.opentok.TokenOptions;
import com.opentok.exception.RequestException;
import com.vonage.client.video.ArchiveStatus;
import com.vonage.client.video.CreateSessionRequest;
import com.vonage.client.video.CreateSessionResponse;
import com.vonage.client.video.ListStreamCompositionsRequest;
import com.vonage.client.video.OutputMode;
import com.vonage.client.video.Resolution;
import com.vonage.client.video.ScreenLayoutType;
import com.vonage.client.video.StreamCompositionLayout;
import com.vonage.client.video.StreamMode;
import com.vonage.client.video.VideoClient;
import com.vonage.client.video.VideoResponseException;
import com.vonage.jwt.Jwt;
import dev.quorum.server.api.ConfiguredServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two official server SDKs (OpenTok 4.9.0, Vonage 9.3.1) against the running server with only
 * the base URL changed: sessions, client tokens a connected client joins with, and every archive
 * call with its refusals as each SDK surfaces them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class ArchiveSdkTest {

    @TempDir
    static Path dir;

    ConfiguredServer server;
    JsonReceiver callbacks;
    OpenTok opentok;
    VideoClient vonage;

    @BeforeAll
    void start() throws Exception {
        callbacks = new JsonReceiver();
        server = ArchiveServer.start(dir, callbacks.url(), Map.of());
        opentok = ArchiveServer.opentok(server);
        vonage = ArchiveServer.vonage(server);
    }

    @AfterAll
    void stop() {
        if (opentok != null) {
            opentok.close();
        }
        if (server != null) {
            server.close();
        }
        if (callbacks != null) {
            callbacks.close();
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    static Throwable opentokError(ThrowingCall call) {
        try {
            call.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a RequestException");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void theOpenTokSdkRunsAnArchiveFromStartToDelete() throws Exception {
        String session = opentok.createSession(new SessionProperties.Builder()
                        .mediaMode(MediaMode.ROUTED)
                        .build())
                .getSessionId();
        assertThatThrownBy(() -> opentok.startArchive(session))
                .as("nobody connected")
                .isInstanceOf(RequestException.class);
        String token = opentok.generateToken(
                session,
                new TokenOptions.Builder().role(Role.PUBLISHER).data("ann").build());
        try (SignalingClient client = SignalingClient.join(server.baseUrl(), token)) {
            assertThat(client.joined().getJsonObject("room").getString("name")).isEqualTo(session);
            Archive a = opentok.startArchive(
                    session,
                    new ArchiveProperties.Builder()
                            .name("weekly")
                            .hasAudio(true)
                            .hasVideo(true)
                            .outputMode(Archive.OutputMode.COMPOSED)
                            .streamMode(Archive.StreamMode.AUTO)
                            .resolution("1280x720")
                            .layout(new ArchiveLayout(ArchiveLayout.Type.PIP))
                            .build());
            assertThat(a.getStatus()).isEqualTo(Archive.Status.STARTED);
            assertThat(a.getPartnerId()).isEqualTo(ArchiveServer.API_KEY);
            assertThat(a.getName()).isEqualTo("weekly");
            assertThat(a.getResolution()).isEqualTo("1280x720");
            assertThat(a.getSessionId()).isEqualTo(session);
            assertThat(UUID.fromString(a.getId())).isNotNull();
            Throwable twice = opentokError(() -> opentok.startArchive(session));
            assertThat(twice).isInstanceOf(RequestException.class);
            Archive tagged = opentok.startArchive(
                    session,
                    new ArchiveProperties.Builder()
                            .outputMode(Archive.OutputMode.INDIVIDUAL)
                            .multiArchiveTag("raw")
                            .build());
            assertThat(tagged.getOutputMode()).isEqualTo(Archive.OutputMode.INDIVIDUAL);
            assertThat(tagged.getMultiArchiveTag()).isEqualTo("raw");
            opentok.setArchiveLayout(
                    a.getId(),
                    new ArchiveProperties.Builder()
                            .layout(new ArchiveLayout(ArchiveLayout.Type.VERTICAL))
                            .build());
            opentok.setArchiveLayout(
                    a.getId(),
                    new ArchiveProperties.Builder()
                            .layout(new ArchiveLayout(
                                    ArchiveLayout.Type.CUSTOM, "stream.focus {width: 100%; height: 100%;}"))
                            .build());
            opentok.setArchiveLayout(
                    a.getId(),
                    new ArchiveProperties.Builder()
                            .layout(new ArchiveLayout(ScreenShareLayoutType.PIP))
                            .build());
            assertThat(server.server().store().archives().layouts(a.getId())).hasSize(4);
            assertThat(opentokError(() -> opentok.deleteArchive(a.getId())))
                    .as("delete while recording")
                    .isInstanceOf(RequestException.class);
            ArchiveList listed = opentok.listArchives(session);
            assertThat(listed.getTotalCount()).isEqualTo(2);
            assertThat(listed).extracting(Archive::getId).containsExactly(tagged.getId(), a.getId());
            assertThat(opentok.listArchives(1, 1)).extracting(Archive::getId).containsExactly(a.getId());
            Archive stopped = opentok.stopArchive(a.getId());
            assertThat(stopped.getStatus()).isEqualTo(Archive.Status.STOPPED);
            assertThat(stopped.getReason()).isEqualTo("user initiated");
            assertThat(opentokError(() -> opentok.stopArchive(a.getId()))).isInstanceOf(RequestException.class);
            opentok.stopArchive(tagged.getId());
            await("available", () -> status(a.getId()) == Archive.Status.AVAILABLE);
            assertThat(opentok.getArchive(a.getId()).getUrl()).contains("/media/archives/4711/" + a.getId());
            opentok.deleteArchive(a.getId());
            assertThat(opentok.getArchive(a.getId()).getStatus()).isEqualTo(Archive.Status.DELETED);
            assertThat(opentok.listArchives(session)).extracting(Archive::getId).doesNotContain(a.getId());
            assertThat(opentokError(() -> opentok.getArchive(UUID.randomUUID().toString())))
                    .isInstanceOf(RequestException.class);
        }
        List<JsonReceiver.Received> events = callbacks.await(
                3,
                r -> r.body().getString("sessionId").equals(session)
                        && r.body().getString("name").equals("weekly"),
                Duration.ofSeconds(30));
        assertThat(events).extracting(JsonReceiver.Received::status).containsExactly("started", "stopped", "available");
        assertThat(events.get(0).body().getInteger("partnerId")).isEqualTo(ArchiveServer.API_KEY);
        assertThat(events.get(0).authorization())
                .as("signed with the project's secret")
                .startsWith("Bearer ");
        assertThat(Jwt.verifySignature(events.get(0).authorization().substring(7), ArchiveServer.SECRET))
                .isTrue();
    }

    private Archive.Status status(String id) {
        try {
            return opentok.getArchive(id).getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOpenTokSdkSeesTheRefusalsOfRelayedAndAutomaticSessions() throws Exception {
        String relayed = opentok.createSession(new SessionProperties.Builder()
                        .mediaMode(MediaMode.RELAYED)
                        .build())
                .getSessionId();
        try (SignalingClient c = SignalingClient.join(server.baseUrl(), opentok.generateToken(relayed))) {
            assertThat(opentokError(() -> opentok.startArchive(relayed)).getMessage())
                    .contains("peer-to-peer");
        }
        String always = opentok.createSession(new SessionProperties.Builder()
                        .mediaMode(MediaMode.ROUTED)
                        .archiveMode(ArchiveMode.ALWAYS)
                        .build())
                .getSessionId();
        try (SignalingClient c = SignalingClient.join(server.baseUrl(), opentok.generateToken(always))) {
            await("an automatic archive", () -> listCount(always) == 1);
            Archive auto = opentok.listArchives(always).get(0);
            assertThat(auto.getStatus()).isEqualTo(Archive.Status.STARTED);
            assertThat(auto.getOutputMode()).isEqualTo(Archive.OutputMode.COMPOSED);
            assertThat(opentokError(() -> opentok.stopArchive(auto.getId()))).isInstanceOf(RequestException.class);
        }
    }

    private int listCount(String session) {
        try {
            return opentok.listArchives(session).getTotalCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theVonageSdkRunsAnArchiveFromStartToDelete() throws Exception {
        CreateSessionResponse created = vonage.createSession(CreateSessionRequest.builder()
                .mediaMode(com.vonage.client.video.MediaMode.ROUTED)
                .archiveMode(com.vonage.client.video.ArchiveMode.MANUAL)
                .build());
        String session = created.getSessionId();
        assertThat(created.getApplicationId()).isEqualTo(UUID.fromString(ArchiveServer.APP));
        assertThat(status(() -> vonage.createArchive(
                        com.vonage.client.video.Archive.builder(session).build())))
                .as("nobody connected")
                .isEqualTo(404);
        String token = vonage.generateToken(
                session,
                com.vonage.client.video.TokenOptions.builder()
                        .role(com.vonage.client.video.Role.PUBLISHER)
                        .build());
        try (SignalingClient client = SignalingClient.join(server.baseUrl(), token)) {
            com.vonage.client.video.Archive a = vonage.createArchive(com.vonage.client.video.Archive.builder(session)
                    .name("daily")
                    .resolution(Resolution.HD_LANDSCAPE)
                    .outputMode(OutputMode.COMPOSED)
                    .streamMode(StreamMode.MANUAL)
                    .layout(StreamCompositionLayout.screenshareLayout(ScreenLayoutType.PIP))
                    .maxBitrate(1_500_000)
                    .build());
            assertThat(a.getStatus()).isEqualTo(ArchiveStatus.STARTED);
            assertThat(a.getApplicationId()).isEqualTo(UUID.fromString(ArchiveServer.APP));
            assertThat(a.getResolution()).isEqualTo(Resolution.HD_LANDSCAPE);
            assertThat(a.getStreamMode()).isEqualTo(StreamMode.MANUAL);
            assertThat(a.getMaxBitrate()).isEqualTo(1_500_000);
            assertThat(status(() -> vonage.createArchive(
                            com.vonage.client.video.Archive.builder(session).build())))
                    .isEqualTo(409);
            com.vonage.client.video.Archive qp = vonage.createArchive(com.vonage.client.video.Archive.builder(session)
                    .multiArchiveTag("qp")
                    .quantizationParameter(25)
                    .build());
            assertThat(qp.getQuantizationParameter()).isEqualTo(25);
            vonage.updateArchiveLayout(
                    a.getId().toString(),
                    StreamCompositionLayout.customLayout(
                            "stream.instructor {position: absolute; width: 100%; height:50%;}"));
            vonage.updateArchiveLayout(
                    a.getId().toString(), StreamCompositionLayout.standardLayout(ScreenLayoutType.PIP));
            assertThat(status(() -> vonage.addArchiveStream(
                            qp.getId().toString(), UUID.randomUUID().toString())))
                    .as("streams of an auto-mode archive")
                    .isEqualTo(400);
            assertThat(status(() -> vonage.addArchiveStream(
                            a.getId().toString(), UUID.randomUUID().toString())))
                    .as("an unknown stream")
                    .isEqualTo(404);
            assertThat(status(() -> vonage.deleteArchive(a.getId().toString()))).isEqualTo(409);
            assertThat(vonage.getArchive(a.getId().toString()).getName()).isEqualTo("daily");
            List<com.vonage.client.video.Archive> mine = vonage.listArchives(
                    ListStreamCompositionsRequest.builder().sessionId(session).build());
            assertThat(mine).extracting(com.vonage.client.video.Archive::getId).containsExactly(qp.getId(), a.getId());
            assertThat(vonage.listArchives()).hasSizeGreaterThanOrEqualTo(2);
            com.vonage.client.video.Archive stopped =
                    vonage.stopArchive(a.getId().toString());
            assertThat(stopped.getStatus()).isEqualTo(ArchiveStatus.STOPPED);
            assertThat(status(() -> vonage.stopArchive(a.getId().toString()))).isEqualTo(409);
            vonage.stopArchive(qp.getId().toString());
            await("available", () -> vonage.getArchive(a.getId().toString()).getStatus() == ArchiveStatus.AVAILABLE);
            assertThat(vonage.getArchive(a.getId().toString()).getUrl()).isNotNull();
            vonage.deleteArchive(a.getId().toString());
            assertThat(vonage.getArchive(a.getId().toString()).getStatus()).isEqualTo(ArchiveStatus.DELETED);
            assertThat(status(() -> vonage.getArchive(UUID.randomUUID().toString())))
                    .isEqualTo(404);
            assertThat(status(() -> vonage.createArchive(com.vonage.client.video.Archive.builder(session)
                            .name("n".repeat(81))
                            .multiArchiveTag("long")
                            .build())))
                    .as("a name too long")
                    .isEqualTo(400);
        }
        List<JsonReceiver.Received> events = callbacks.await(
                3,
                r -> r.body().getString("sessionId").equals(session)
                        && r.body().getString("name").equals("daily"),
                Duration.ofSeconds(30));
        assertThat(events).extracting(JsonReceiver.Received::status).containsExactly("started", "stopped", "available");
        assertThat(events.get(0).body().getString("applicationId")).isEqualTo(ArchiveServer.APP);
        assertThat(Jwt.verifySignature(events.get(2).authorization().substring(7), ArchiveServer.APP_CALLBACK_SECRET))
                .isTrue();
    }

    @Test
    void aStylesheetOutsideTheSupportedSubsetIsRefusedNamingTheRuleAndNothingIsCreated() throws Exception {
        String session = vonage.createSession(CreateSessionRequest.builder()
                        .mediaMode(com.vonage.client.video.MediaMode.ROUTED)
                        .build())
                .getSessionId();
        try (SignalingClient client = SignalingClient.join(server.baseUrl(), vonage.generateToken(session))) {
            VideoResponseException start =
                    vonageError(() -> vonage.createArchive(com.vonage.client.video.Archive.builder(session)
                            .outputMode(OutputMode.COMPOSED)
                            .layout(StreamCompositionLayout.customLayout(
                                    "stream.a { width: 50%; } stream > .b { width: 10%; }"))
                            .build()));
            assertThat(start.getStatusCode()).isEqualTo(400);
            assertThat(start.getMessage())
                    .contains("layout.stylesheet rule 'stream > .b'")
                    .contains("the child combinator '>' is not supported");
            assertThat(vonage.listArchives(ListStreamCompositionsRequest.builder()
                            .sessionId(session)
                            .build()))
                    .as("nothing half-created")
                    .isEmpty();
            com.vonage.client.video.Archive a = vonage.createArchive(com.vonage.client.video.Archive.builder(session)
                    .outputMode(OutputMode.COMPOSED)
                    .build());
            VideoResponseException change = vonageError(() -> vonage.updateArchiveLayout(
                    a.getId().toString(),
                    StreamCompositionLayout.customLayout("stream.main { border: 1px solid red; }")));
            assertThat(change.getStatusCode()).isEqualTo(400);
            assertThat(change.getMessage()).contains("stylesheet rule 'stream.main', property 'border'");
            // The OpenTok SDK reports a 400 with a sentence of its own, dropping the server's.
            Throwable opentokChange = opentokError(() -> opentok.setArchiveLayout(
                    a.getId().toString(),
                    new ArchiveProperties.Builder()
                            .layout(new ArchiveLayout(ArchiveLayout.Type.CUSTOM, "#x { width: 1px; }"))
                            .build()));
            assertThat(opentokChange)
                    .isInstanceOf(RequestException.class)
                    .hasMessageContaining("invalid layout options");
            assertThat(server.server().store().archives().layouts(a.getId().toString()))
                    .as("the start layout only")
                    .extracting(l -> new io.vertx.core.json.JsonObject(l.layout()).getString("type"))
                    .containsExactly("bestFit");
            vonage.stopArchive(a.getId().toString());
        }
    }

    static VideoResponseException vonageError(ThrowingCall call) {
        try {
            call.run();
        } catch (VideoResponseException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a VideoResponseException", e);
        }
        throw new AssertionError("expected a VideoResponseException");
    }

    static int status(ThrowingCall call) {
        try {
            call.run();
        } catch (VideoResponseException e) {
            return e.getStatusCode();
        } catch (Exception e) {
            throw new AssertionError("expected a VideoResponseException", e);
        }
        throw new AssertionError("expected a VideoResponseException");
    }
}
