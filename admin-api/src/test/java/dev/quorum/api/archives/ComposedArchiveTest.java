package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.Await;
import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionWindow;
import dev.quorum.storage.composition.LayoutChange;
import dev.quorum.storage.composition.StreamClassChange;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.Recording;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A composed archive's output goes through the composition queue: when the archive stops and its
 * recordings are written, the composition of exactly its plan is enqueued — its window, its
 * recordings, its layout timeline, its rate control — while the session goes on; the archive
 * becomes {@code available} with the composition's file, or {@code failed} with it. The test
 * plays the composer's worker on the queue (the composing itself is checked end to end with
 * browsers in the server's tests).
 */
class ComposedArchiveTest extends ArchiveTestBase {

    private record Publisher(ParticipantInfo participant, TrackInfo mic, TrackInfo cam) {}

    private Publisher publisher(String session, String identity) {
        ParticipantInfo p = join(session, identity);
        TrackInfo mic = server.rooms().publish(p.sid(), "microphone", TrackKind.AUDIO);
        TrackInfo cam = server.rooms().publish(p.sid(), "camera", TrackKind.VIDEO);
        server.awaitEvents();
        return new Publisher(p, mic, cam);
    }

    /** Does what a composer's worker does with a claimed composition: the file, then completed. */
    private byte[] compose(Composition c, String text) throws Exception {
        Composition claimed =
                server.store().compositions().claimNext("worker-1").orElseThrow();
        assertThat(claimed.sid()).isEqualTo(c.sid());
        byte[] file = text.getBytes(StandardCharsets.UTF_8);
        String key = MediaKeys.composition(c.accountSid(), c.sid(), "mp4");
        try (MediaWriter w = server.media().create(key)) {
            w.channel().write(ByteBuffer.wrap(file));
            w.commit();
        }
        server.store()
                .compositions()
                .complete(c.sid(), "worker-1", 7000, file.length, 1, key)
                .orElseThrow();
        server.events()
                .publish(new CompositionEvent(
                        CompositionEvent.AVAILABLE,
                        c.accountSid(),
                        c.roomSid(),
                        c.sid(),
                        null,
                        -1,
                        -1,
                        null,
                        null,
                        clock.instant()));
        return file;
    }

    private Composition awaitComposition(String archiveId) {
        Await.until(
                "the composition of archive " + archiveId,
                () -> server.store().compositions().ofArchive(archiveId).isPresent());
        return server.store().compositions().ofArchive(archiveId).orElseThrow();
    }

    @Test
    void aStoppedArchiveIsComposedFromItsOwnPlanWhileItsSessionGoesOn() throws Exception {
        String s = session(opentok);
        Publisher alice = publisher(s, "alice");
        FakeRecorder recorder = new FakeRecorder(server);
        Instant started = clock.instant();
        String id = start(
                        opentok,
                        new JsonObject()
                                .put("sessionId", s)
                                .put("resolution", "1280x720")
                                .put("layout", new JsonObject().put("type", "pip"))
                                .put("maxBitrate", 1_000_000))
                .getString("id");
        clock.advance(Duration.ofMillis(300));
        Recording mic = recorder.start(alice.participant(), alice.mic());
        Recording cam = recorder.start(alice.participant(), alice.cam());
        server.awaitEvents();
        Composition running = awaitComposition(id);
        assertThat(running.status())
                .as("created when the archive began recording, for a live worker to compose while it runs")
                .isEqualTo(Composition.ENQUEUED);
        assertThat(running.window()).isEqualTo(CompositionWindow.open(started.toEpochMilli()));
        assertThat(server.store().compositions().claimNext("worker-1"))
                .as("not composed after the fact while its window is open")
                .isEmpty();
        clock.advance(Duration.ofSeconds(2));
        JsonArray streams = opentok.get("/session/" + s + "/stream").json().getJsonArray("items");
        String stream = streams.getJsonObject(0).getString("id");
        Instant classed = clock.instant();
        assertThat(opentok.call(
                                "PUT",
                                "/session/" + s + "/stream",
                                new JsonObject()
                                        .put(
                                                "items",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("id", stream)
                                                                .put("layoutClassList", new JsonArray().add("full"))))
                                        .encode())
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        Instant changed = clock.instant();
        String css = "stream.full { position: absolute; width: 50%; height: 50%; }";
        assertThat(opentok.call(
                                "PUT",
                                "/archive/" + id + "/layout",
                                new JsonObject()
                                        .put("type", "custom")
                                        .put("stylesheet", css)
                                        .encode())
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));
        Instant stopped = clock.instant();
        assertThat(opentok.post("/archive/" + id + "/stop", null).status()).isEqualTo(200);

        Await.until(
                "the window of archive " + id + "'s composition closed",
                () -> !server.store()
                        .compositions()
                        .ofArchive(id)
                        .orElseThrow()
                        .window()
                        .isOpen());
        assertThat(server.store().compositions().claimNext("worker-1"))
                .as("its recordings are still being written")
                .isEmpty();
        recorder.complete(mic, new byte[] {1, 2, 3}, 5000);
        recorder.complete(cam, new byte[] {4, 5, 6}, 5000);
        Composition c = awaitComposition(id);
        assertThat(c.sid()).isEqualTo(running.sid());
        assertThat(c.status()).isEqualTo(Composition.ENQUEUED);
        assertThat(c.roomSid()).isEqualTo(room(s).sid());
        assertThat(c.window())
                .as("the archive's start to its stop")
                .isEqualTo(new CompositionWindow(started.toEpochMilli(), stopped.toEpochMilli()));
        assertThat(c.spec().videoLayoutJson()).isEqualTo("{\"type\":\"pip\"}");
        assertThat(c.spec().audioSources()).containsExactly("*");
        assertThat(c.spec().resolution()).isEqualTo("1280x720");
        assertThat(c.spec().format()).isEqualTo("mp4");
        assertThat(c.spec().trim()).isFalse();
        assertThat(c.spec().videoRateControl()).isEqualTo("cbr:1000000");
        assertThat(server.store().compositions().layoutChanges(c.sid()))
                .containsExactly(new LayoutChange(
                        changed.toEpochMilli(),
                        new JsonObject()
                                .put("type", "custom")
                                .put("stylesheet", css)
                                .encode()));
        assertThat(server.store().streamClasses().ofRoom(c.roomSid()))
                .contains(new StreamClassChange(alice.cam().sid(), classed.toEpochMilli(), List.of("full")));
        assertThat(get(opentok, id).getString("status")).isEqualTo("stopped");

        byte[] file = compose(c, "the composed archive");
        JsonObject available = awaitStatus(opentok, id, "available");
        assertThat(available.getLong("size")).isEqualTo(file.length);
        assertThat(available.getString("sha256sum"))
                .isEqualTo(Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(file)));
        assertThat(available.getString("url"))
                .contains("/media/compositions/")
                .contains(c.sid() + ".mp4")
                .contains("Signature=");
        assertThat(available.getLong("duration")).isEqualTo(5);
        assertThat(server.rooms().participants(ApiServer.ACCOUNT, room(s).sid()))
                .as("the session goes on")
                .isNotEmpty();
        assertThat(callbacks.await(3, r -> id.equals(r.body().getString("id"))))
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "stopped", "available");

        assertThat(opentok.delete("/archive/" + id).status()).isEqualTo(204);
        assertThat(server.media().exists(MediaKeys.composition(c.accountSid(), c.sid(), "mp4")))
                .isFalse();
        assertThat(server.store().compositions().find(c.sid()).orElseThrow().status())
                .isEqualTo(Composition.DELETED);
    }

    @Test
    void anArchiveFailsWhenItsCompositionFails() throws Exception {
        String s = session(opentok);
        Publisher alice = publisher(s, "alice");
        FakeRecorder recorder = new FakeRecorder(server);
        String id = start(opentok, new JsonObject().put("sessionId", s)).getString("id");
        Recording cam = recorder.start(alice.participant(), alice.cam());
        server.awaitEvents();
        clock.advance(Duration.ofSeconds(3));
        opentok.post("/archive/" + id + "/stop", null);
        recorder.complete(cam, new byte[] {1}, 3000);
        Composition c = awaitComposition(id);
        assertThat(c.spec().videoRateControl())
                .as("neither maxBitrate nor quantizationParameter: QP 19")
                .isEqualTo("qp:19");
        server.store().compositions().claimNext("worker-1").orElseThrow();
        server.store()
                .compositions()
                .fail(c.sid(), "None of the selected recordings could be read")
                .orElseThrow();
        server.events()
                .publish(new CompositionEvent(
                        CompositionEvent.FAILED,
                        c.accountSid(),
                        c.roomSid(),
                        c.sid(),
                        null,
                        -1,
                        -1,
                        "MediaProcessing",
                        "None of the selected recordings could be read",
                        clock.instant()));
        JsonObject failed = awaitStatus(opentok, id, "failed");
        assertThat(failed.getString("reason")).isEqualTo("Internal server failure");
        assertThat(server.store().archives().find(id).orElseThrow().failure())
                .contains("None of the selected recordings could be read");
        assertThat(callbacks.await(3, r -> id.equals(r.body().getString("id"))))
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "stopped", "failed");
    }

    @Test
    void anArchiveThatRecordedNothingIsAnEmptyFileWithoutComposition() {
        String s = session(opentok);
        join(s, "alice");
        String id = start(opentok, new JsonObject().put("sessionId", s)).getString("id");
        opentok.post("/archive/" + id + "/stop", null);
        JsonObject available = awaitStatus(opentok, id, "available");
        assertThat(available.getLong("size")).isZero();
        assertThat(server.store().compositions().ofArchive(id)).isEmpty();
    }
}
