package dev.quorum.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.NetLab;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publisher whose uplink loses 5 % of its packets and delays them 100 ± 20 ms is recorded whole:
 * the server NACKs what it missed, the recorder waits for the retransmissions (a delayed round trip
 * later) within its reorder window, so the file
 * decodes without a single error and holds nearly every frame the browser encoded. Without the
 * repairs reaching the recorder, each lost packet would cost its frame and every frame up to the
 * next keyframe.
 */
@RunsAlone
@Tag("slow")
class RecordingUnderLossTest {

    static final String ENCODED = """
            let frames = 0;
            for (const pc of window.quorumPcs || []) {
              if (pc.connectionState === 'closed') continue;
              (await pc.getStats()).forEach(r => {
                if (r.type === 'outbound-rtp' && r.kind === 'video') frames += r.framesEncoded || 0;
              });
            }
            return frames;
            """;

    /** Keeps the page's peer connections reachable for {@link #ENCODED}. */
    static final String KEEP_PCS = """
            window.quorumPcs = [];
            const Native = window.RTCPeerConnection;
            window.RTCPeerConnection = class extends Native {
              constructor(...a) { super(...a); window.quorumPcs.push(this); }
            };
            """;

    @TempDir
    Path data;

    NetLab lab;
    RecordingServer s;
    Chromium publisherBrowser;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {publisherBrowser, s, lab}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aPublisherLosingFivePercentUpstreamIsRecordedWithoutDecodeErrorsAndNearlyEveryFrame() throws Exception {
        lab = new NetLab();
        NetLab.Link link = lab.relayedLink();
        link.uplinkDelay(100, 20);
        String address = link.hostAddress.getHostAddress();
        s = new RecordingServer(data, Map.of("http.host", "0.0.0.0", "media.announced-addresses", address));
        String origin = "http://" + address + ":" + s.server.httpPort();
        publisherBrowser =
                Chromium.inNamespace(link, Path.of("target", "recording-under-loss-chromedriver.log"), origin);

        String roomSid = s.createRoom(
                        "UniqueName", "lossy-recording", "RecordParticipantsOnConnect", "true", "VideoCodecs", "VP8")
                .getString("sid");
        // One layer, so that the frames the browser encodes are the frames the recorder is sent.
        Publisher alice = Publisher.join(
                publisherBrowser,
                origin + "/",
                s.token("lossy-recording", "alice"),
                "lossy-recording",
                "alice",
                KEEP_PCS,
                Map.of("video", Map.of("width", 640, "height", 360), "simulcast", false));
        s.awaitRecordings(roomSid, "two recordings processing", Duration.ofSeconds(20), l -> l.size() == 2);

        link.loss(0, 5);
        Thread.sleep(20_000); // the lossy stretch is the scenario
        long encoded = ((Number) alice.tab.await(ENCODED)).longValue();
        alice.leave();
        List<JsonObject> done = s.awaitRecordings(
                roomSid,
                "both recordings completed",
                Duration.ofSeconds(20),
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));

        JsonObject video = done.stream()
                .filter(r -> r.getString("type").equals("video"))
                .findFirst()
                .orElseThrow();
        Path file = MediaProbe.fileOf(s.data, video.getString("sid"));
        long recorded = frames(file);
        double nacks = s.server
                .metrics()
                .get("quorum.sfu.nacks.sent")
                .functionCounter()
                .count();
        System.out.printf(
                "recording under 5 %% uplink loss and 100 ± 20 ms delay: %d frames encoded, %d recorded (%.1f %%), %.0f losses NACKed%n",
                encoded, recorded, 100.0 * recorded / encoded, nacks);
        assertThat(MediaProbe.decodeErrors(file))
                .as("FFmpeg's errors decoding the recording")
                .isEmpty();
        assertThat(nacks).as("losses NACKed upstream").isPositive();
        assertThat(recorded)
                .as("frames in the recording of the %d the browser encoded", encoded)
                .isGreaterThanOrEqualTo(encoded * 95 / 100);
    }

    /** Video frames FFmpeg decodes from the file. */
    private static long frames(Path file) throws Exception {
        Process p = new ProcessBuilder(
                        "ffprobe",
                        "-v",
                        "error",
                        "-select_streams",
                        "v:0",
                        "-count_frames",
                        "-show_entries",
                        "stream=nb_read_frames",
                        "-of",
                        "csv=p=0",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return Long.parseLong(out);
    }
}
