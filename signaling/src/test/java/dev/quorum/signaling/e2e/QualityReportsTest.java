package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a viewer's browser saw reaches the server's meters: the SDK reports its receivers'
 * frames, freezes and concealed audio, and the server's counters follow the browser's own
 * statistics.
 */
@RunsAlone
@Tag("slow")
class QualityReportsTest {

    /** The viewer's own totals over its inbound streams, as the SDK reads them. */
    static final String TOTALS = """
            const t = { frames: 0, freezes: 0, frozenMs: 0, samples: 0, concealed: 0 };
            (await room._subscriber.getStats()).forEach(r => {
              if (r.type !== 'inbound-rtp') return;
              if (r.kind === 'video') {
                t.frames += r.framesDecoded || 0; t.freezes += r.freezeCount || 0;
                t.frozenMs += Math.round((r.totalFreezesDuration || 0) * 1000);
              } else {
                t.samples += r.totalSamplesReceived || 0; t.concealed += r.concealedSamples || 0;
              }
            });
            return [t.frames, t.freezes, t.frozenMs, t.samples, t.concealed];
            """;

    MediaServer server;
    Chromium browser;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {browser, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theServersMetersAddUpWhatTheViewersBrowserReports() throws Exception {
        server = new MediaServer();
        browser = Chromium.start();
        BrowserParticipant alice = BrowserParticipant.open(browser, server.pageUrl(), "alice", false);
        alice.join(server.token("alice"), "reports", Map.of("simulcast", false, "qualityReportInterval", 1000));
        BrowserParticipant bob = BrowserParticipant.open(browser, server.pageUrl(), "bob", true);
        bob.join(server.token("bob"), "reports", Map.of("video", false, "audio", false, "qualityReportInterval", 1000));
        bob.waitFor(
                "a few seconds of alice's video decoded",
                "window.room && room._subscriber && true",
                Duration.ofSeconds(30));
        Thread.sleep(5_000);

        List<?> before = (List<?>) bob.await(TOTALS);
        double framesBefore = ((Number) before.get(0)).doubleValue();
        double samplesBefore = ((Number) before.get(3)).doubleValue();
        assertThat(framesBefore).as("bob decoded alice's video").isGreaterThan(30);
        // Reports every second: within two, the server has counted at least what bob had then.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline
                && (counter("quorum.client.video.frames.decoded") < framesBefore
                        || counter("quorum.client.audio.samples") < samplesBefore)) {
            Thread.sleep(100);
        }
        double frames = counter("quorum.client.video.frames.decoded");
        double samples = counter("quorum.client.audio.samples");
        double freezes = counter("quorum.client.video.freezes");
        double concealed = counter("quorum.client.audio.concealed.samples");
        // Read after the counters: every report they hold was sent before, so counted no more.
        List<?> after = (List<?>) bob.await(TOTALS);
        System.out.printf(
                "quality reports: bob's browser %s then %s; the server counted %.0f frames, %.0f samples,"
                        + " %.0f freezes, %.3f s frozen, %.0f concealed%n",
                before, after, frames, samples, freezes, counter("quorum.client.video.frozen"), concealed);
        assertThat(frames)
                .as("the server counts what bob decoded up to his last report, no more")
                .isBetween(framesBefore, ((Number) after.get(0)).doubleValue());
        assertThat(samples).isBetween(samplesBefore, ((Number) after.get(3)).doubleValue());
        assertThat(freezes).isBetween(0.0, ((Number) after.get(1)).doubleValue());
        assertThat(concealed).isBetween(0.0, ((Number) after.get(4)).doubleValue());
    }

    private double counter(String name) {
        var c = server.http.registry.find(name).counter();
        return c == null ? -1 : c.count();
    }
}
