package dev.quorum.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.server.QuorumServer;
import dev.quorum.server.api.RestClient;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.HookWait;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.recording.Recording;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room that ends while one of its recordings is still being written waits for it before its
 * composition hooks run; a server restart in that wait must not lose the room.
 */
@Tag("slow")
class HooksAcrossRestartTest {

    @TempDir
    Path data;

    private QuorumServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aHookComposesARoomWhoseRecordingWasFinishedAfterARestart() throws Exception {
        server = TestServer.start(data, Map.of());
        RestClient rest = TestServer.rest(server);
        String hookSid = rest.post(
                        "/v1/CompositionHooks",
                        201,
                        "FriendlyName",
                        "Every room as a grid",
                        "VideoLayout",
                        "{\"grid\":{\"video_sources\":[\"*\"]}}",
                        "AudioSources",
                        "*",
                        "Format",
                        "mp4")
                .getString("sid");
        String roomSid = rest.post("/v1/Rooms", 201, "UniqueName", "lesson").getString("sid");
        String account = server.developmentCredentials().orElseThrow().account().sid();
        // A track this server was recording when the room ended: still processing.
        String rt = "RT" + "c".repeat(32);
        server.store()
                .recordings()
                .create(new NewRecording(
                        rt,
                        account,
                        roomSid,
                        "PA" + "c".repeat(32),
                        "MT" + "c".repeat(32),
                        "camera",
                        "video",
                        "VP8",
                        "mkv",
                        null,
                        MediaKeys.recording(account, roomSid, rt, "mkv"),
                        null,
                        null,
                        "local"));
        rest.post("/v1/Rooms/" + roomSid, 202, "Status", "completed");
        QuorumServer first = server;
        awaitTrue(
                "the room waits for its recording",
                () -> first.store().hooks().waiting().contains(new HookWait(roomSid, account)));
        assertThat(first.store().compositions().ofRoom(roomSid)).isEmpty();

        server.closeLeavingRoomsInProgress();
        server = null;
        server = TestServer.start(data, Map.of());

        // The recorder's recovery settles the recording, then the hook composes the room.
        QuorumServer second = server;
        awaitTrue(
                "the hook's composition is created",
                () -> !second.store().compositions().ofRoom(roomSid).isEmpty());
        List<Composition> created = second.store().compositions().ofRoom(roomSid);
        assertThat(created).singleElement().satisfies(c -> {
            assertThat(c.hookSid()).isEqualTo(hookSid);
            assertThat(c.status()).isEqualTo(Composition.ENQUEUED);
        });
        assertThat(second.store().recordings().find(rt).orElseThrow().status()).isNotEqualTo(Recording.PROCESSING);
        awaitTrue("the wait is over", () -> second.store().hooks().waiting().isEmpty());
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
