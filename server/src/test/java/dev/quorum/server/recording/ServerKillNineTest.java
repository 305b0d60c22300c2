package dev.quorum.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VideoGrant;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.server.api.RestClient;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with SIGKILL while Chromium publishes into a recording room, then started again
 * on the same data directory: every Recording reaches a final status at start (none stays
 * {@code processing}), and a completed one's file decodes without error up to within a second of
 * the kill, tagged as recovered, its {@code recording-completed} callback sent by the new process.
 */
@RunsAlone
@Tag("slow")
class ServerKillNineTest {

    @TempDir
    Path dir;

    @Test
    void recordingsSurviveAKilledServerAndAreFinishedWhenItStartsAgain() throws Exception {
        Path data = dir.resolve("data");
        Path logs = Path.of("target", "kill-nine");
        List<JsonObject> recorded;
        long killedAt;
        Map<String, Long> firstSent;
        String roomSid;
        try (CallbackReceiver callbacks = CallbackReceiver.start();
                Chromium chromium = Chromium.start()) {
            try (ServerProcess first = ServerProcess.start(data, logs.resolve("first-run.log"))) {
                RestClient rest = new RestClient(first.base(), first.accountSid, first.authToken);
                roomSid = rest.post(
                                "/v1/Rooms",
                                201,
                                "UniqueName",
                                "doomed",
                                "RecordParticipantsOnConnect",
                                "true",
                                "StatusCallback",
                                callbacks.url(RecordingServer.CALLBACKS))
                        .getString("sid");
                String token = new AccessToken.Builder(
                                first.accountSid, first.keySid, first.keySecret.getBytes(StandardCharsets.UTF_8))
                        .identity("erin")
                        .grant(new VideoGrant().setRoom("doomed"))
                        .build()
                        .toJwt();
                Publisher erin = Publisher.join(chromium, first.base() + "/", token, "doomed", "erin");
                firstSent = Map.of("audio", erin.firstSent("audio"), "video", erin.firstSent("video"));
                long end = System.nanoTime() + 20_000_000_000L;
                while (rest.recordings(roomSid).size() < 2 && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                Thread.sleep(5000);
                recorded = rest.recordings(roomSid);
                assertThat(recorded)
                        .hasSize(2)
                        .extracting(r -> r.getString("status"))
                        .containsOnly("processing");
                killedAt = System.currentTimeMillis();
                first.kill();
            }
            try (ServerProcess second = ServerProcess.start(data, logs.resolve("second-run.log"))) {
                RestClient rest = new RestClient(second.base(), second.accountSid, second.authToken);
                List<JsonObject> after = rest.recordings(roomSid);
                assertThat(after)
                        .extracting(r -> r.getString("sid"))
                        .containsExactlyInAnyOrderElementsOf(
                                recorded.stream().map(r -> r.getString("sid")).toList());
                for (JsonObject r : after) {
                    String sid = r.getString("sid");
                    String kind = r.getString("type");
                    assertThat(r.getString("status"))
                            .as(sid + " is finished at start")
                            .isEqualTo("completed");
                    Path file = MediaProbe.fileOf(data, sid);
                    assertThat(MediaProbe.decodeErrors(file)).as(sid).isEmpty();
                    assertThat(MediaProbe.tag(file, "QUORUM_RECOVERED")).as(sid).isEqualTo("1");
                    double published = (killedAt - firstSent.get(kind)) / 1000.0;
                    double saved = MediaProbe.of(file).duration();
                    System.out.printf(
                            "%s: %.3f s saved of %.3f s published before the kill (%.3f s lost)%n",
                            kind, saved, published, published - saved);
                    assertThat(saved)
                            .as(sid + ": decodes up to within a second of the kill")
                            .isBetween(published - 1.0, published + 0.5);
                    assertThat(r.getLong("size")).isEqualTo(Files.size(file));
                    assertThat(r.getLong("duration")).isCloseTo(Math.round(saved), within(1L));
                }
                assertThat(rest.text("/metrics"))
                        .as("operators see what recovery finished")
                        .contains("quorum_recorder_recordings_total{outcome=\"recovered\"} 2.0");
                assertThat(callbacks.await(2, c -> "recording-completed".equals(c.event()), Duration.ofSeconds(20)))
                        .extracting(c -> c.param("RecordingSid"))
                        .as("the restarted server announces what it finished")
                        .containsExactlyInAnyOrderElementsOf(
                                after.stream().map(r -> r.getString("sid")).toList());
            }
        }
    }
}
