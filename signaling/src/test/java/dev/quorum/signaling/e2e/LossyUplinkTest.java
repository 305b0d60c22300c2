package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.NetLab;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A publisher whose uplink loses 5 % of its packets and delays them 100 ± 20 ms: what the server
 * misses it NACKs upstream, and the repairs come a delayed round trip later, so the viewer, on a
 * clean link, still decodes nearly every frame the publisher encoded. Frames encoded are read
 * from the publisher's own statistics, frames decoded from the viewer's.
 */
@RunsAlone
@Tag("slow")
class LossyUplinkTest {

    static final String ENCODED = """
            const stats = await room._publisher.getStats();
            let frames = 0;
            stats.forEach(r => { if (r.type === 'outbound-rtp' && r.kind === 'video') frames += r.framesEncoded || 0; });
            return frames;
            """;

    static final String DECODED = """
            const stats = await room._subscriber.getStats();
            let frames = 0;
            stats.forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0; });
            return frames;
            """;

    NetLab lab;
    MediaServer server;
    Chromium publisherBrowser;
    Chromium viewerBrowser;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {viewerBrowser, publisherBrowser, server, lab}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aViewerDecodesNearlyEveryFrameOfAPublisherWhoseUplinkLosesFivePercentAndIsDelayed() throws Exception {
        lab = new NetLab();
        NetLab.Link alicesLink = lab.relayedLink();
        alicesLink.uplinkDelay(100, 20);
        server = new MediaServer(UnaryOperator.identity(), SignalingConfig.DEFAULTS, alicesLink.hostAddress);
        String page = server.pageUrl(alicesLink.hostAddress);
        publisherBrowser = Chromium.inNamespace(
                alicesLink, Path.of("target", "lossy-uplink-chromedriver.log"), page.substring(0, page.length() - 1));
        viewerBrowser = Chromium.start();

        BrowserParticipant alice = BrowserParticipant.open(publisherBrowser, page, "alice", false);
        // One layer, so that the frames alice encodes are the frames bob is sent.
        alice.join(
                server.token("alice"),
                "lossy-uplink",
                Map.of("video", Map.of("width", 640, "height", 360), "simulcast", false));
        BrowserParticipant bob = BrowserParticipant.open(viewerBrowser, server.pageUrl(), "bob", false);
        bob.join(server.token("bob"), "lossy-uplink", Map.of("video", false, "audio", false));
        bob.waitFor("alice's video decoding", "(await (async () => {" + DECODED + "})()) > 60");

        alicesLink.loss(0, 5);
        long encodedBefore = frames(alice, ENCODED);
        long decodedBefore = frames(bob, DECODED);
        Thread.sleep(30_000); // the lossy half minute is the scenario
        long encoded = frames(alice, ENCODED) - encodedBefore;
        // What was encoded last may still be on its way or being repaired: up to 3 s for it.
        long target = decodedBefore + encoded * 95 / 100;
        long decoded = ((Number) bob.await("const end = Date.now() + 3000; let f;"
                                + " do { f = await (async () => {" + DECODED + "})(); if (f >= " + target + ") break;"
                                + " await new Promise(r => setTimeout(r, 100)); } while (Date.now() < end);"
                                + " return f;"))
                        .longValue()
                - decodedBefore;
        double nacksSent = server.engine
                .registry
                .get("quorum.sfu.nacks.sent")
                .functionCounter()
                .count();
        System.out.printf(
                "lossy uplink (5 %% lost, 100 ± 20 ms): alice encoded %d frames in 30 s, bob decoded %d (%.1f %%); %.0f losses NACKed upstream%n",
                encoded, decoded, 100.0 * decoded / encoded, nacksSent);
        assertThat(decoded)
                .as("frames bob decoded of the %d alice encoded", encoded)
                .isGreaterThanOrEqualTo(encoded * 95 / 100);
        assertThat(nacksSent).as("losses NACKed upstream").isPositive();
    }

    private static long frames(BrowserParticipant p, String script) {
        return ((Number) p.await(script)).longValue();
    }
}
