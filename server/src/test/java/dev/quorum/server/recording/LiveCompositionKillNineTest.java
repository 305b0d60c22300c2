package dev.quorum.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VideoGrant;
import dev.quorum.server.api.RestClient;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL while it composes a room live: the composer's child process stops
 * with it (nothing keeps composing for a dead server), and the server started again on the same
 * data finishes the composition from the recordings on disk — all of the room that was recorded,
 * decoding without error.
 */
@Tag("slow")
class LiveCompositionKillNineTest {

    @TempDir
    Path dir;

    @Test
    void aLiveCompositionInterruptedByAKilledServerIsCompletedWithTheWholeRoomAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        Path logs = Path.of("target", "kill-nine-live");
        String roomSid;
        String compositionSid;
        try (Chromium chromium = Chromium.start()) {
            try (ServerProcess first = ServerProcess.start(data, logs.resolve("first-run.log"))) {
                RestClient rest = new RestClient(first.base(), first.accountSid, first.authToken);
                roomSid = rest.post("/v1/Rooms", 201, "UniqueName", "doomed", "RecordParticipantsOnConnect", "true")
                        .getString("sid");
                compositionSid = rest.post(
                                "/v1/Compositions",
                                201,
                                "RoomSid",
                                roomSid,
                                "VideoLayout",
                                "{\"grid\":{\"video_sources\":[\"*\"]}}",
                                "AudioSources",
                                "*",
                                "Resolution",
                                "320x240",
                                "Format",
                                "mp4")
                        .getString("sid");
                String token = new AccessToken.Builder(
                                first.accountSid, first.keySid, first.keySecret.getBytes(StandardCharsets.UTF_8))
                        .identity("erin")
                        .grant(new VideoGrant().setRoom("doomed"))
                        .build()
                        .toJwt();
                Publisher.join(chromium, first.base() + "/", token, "doomed", "erin");
                long end = System.nanoTime() + 30_000_000_000L;
                while (rest.recordings(roomSid).size() < 2 && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                assertThat(rest.get("/v1/Compositions/" + compositionSid).getString("status"))
                        .as("composed while the room runs")
                        .isEqualTo("processing");
                // The room runs for some seconds with the composition following it, past the
                // opening it waits for (3 live delays, 9 s), so that the kill interrupts composing.
                Thread.sleep(12_000);
                List<ProcessHandle> composers = first.process
                        .descendants()
                        .filter(LiveCompositionKillNineTest::isComposer)
                        .toList();
                assertThat(composers).as("the live composition's child process").isNotEmpty();
                first.kill();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (composers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(composers).as("the composer stops with the server").noneMatch(ProcessHandle::isAlive);
            }
            try (ServerProcess second = ServerProcess.start(data, logs.resolve("second-run.log"))) {
                RestClient rest = new RestClient(second.base(), second.accountSid, second.authToken);
                JsonObject c = rest.get("/v1/Compositions/" + compositionSid);
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (!"completed".equals(c.getString("status")) && System.nanoTime() < deadline) {
                    assertThat(c.getString("status")).isNotEqualTo("failed");
                    Thread.sleep(200);
                    c = rest.get("/v1/Compositions/" + compositionSid);
                }
                assertThat(c.getString("status")).isEqualTo("completed");
                List<JsonObject> recordings = rest.recordings(roomSid);
                assertThat(recordings).extracting(r -> r.getString("status")).containsOnly("completed");
                double recorded = 0;
                for (JsonObject r : recordings) {
                    recorded = Math.max(
                            recorded,
                            MediaProbe.of(MediaProbe.fileOf(data, r.getString("sid")))
                                    .duration());
                }
                Path file = MediaProbe.fileOf(data, compositionSid);
                assertThat(MediaProbe.decodeErrors(file)).isEmpty();
                double composed = MediaProbe.of(file).duration();
                System.out.printf("composition after the kill: %.3f s of %.3f s recorded%n", composed, recorded);
                assertThat(composed).as("nothing of the room is missing").isCloseTo(recorded, within(1.0));
            }
        }
    }

    /** Whether {@code p} is a composer child process (its command line, as Linux keeps it, names ComposerMain). */
    private static boolean isComposer(ProcessHandle p) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")))
                    .contains("ComposerMain");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
