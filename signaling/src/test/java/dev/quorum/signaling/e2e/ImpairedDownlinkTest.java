package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.NetLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A subscriber whose downlink collapses while the call goes on: bob watches alice's simulcast
 * camera from his own network namespace, over a link shaped to 5 Mbit/s that drops to 400 kbit/s
 * for 40 s and then recovers; carol watches the same camera over loopback. Bob must go down to
 * the layer that fits within seconds, keep his sound, barely freeze, and come back up once the
 * link does; carol must not notice. Read from bob's and carol's own WebRTC statistics. Once with
 * bob's browser sending transport-cc, as Chromium does, and once with only REMB, as older and
 * other clients do.
 */
@RunsAlone
@Tag("slow")
class ImpairedDownlinkTest {

    /** Read every 200 ms in the watcher's page: time, the camera's frame width and the counters. */
    static final String SAMPLER = """
            window.samples = [];
            window.sampler = setInterval(async () => {
              if (!room._subscriber) return;
              const s = { t: Date.now(), width: 0, frames: 0, freezes: 0, frozen: 0, concealed: 0, samples: 0 };
              (await room._subscriber.getStats()).forEach(r => {
                if (r.type !== 'inbound-rtp') return;
                if (r.kind === 'video') {
                  s.width = r.frameWidth || 0; s.frames = r.framesDecoded || 0;
                  s.freezes = r.freezeCount || 0; s.frozen = r.totalFreezesDuration || 0;
                }
                if (r.kind === 'audio') { s.concealed = r.concealedSamples || 0; s.samples = r.totalSamplesReceived || 0; }
              });
              window.samples.push(s);
            }, 200);
            return true;
            """;

    /**
     * Run in bob's page before he joins: the server's offer loses transport-cc, so his browser
     * answers without it and reports its receive-side estimate as REMB.
     */
    static final String REMB_ONLY = """
            const set = RTCPeerConnection.prototype.setRemoteDescription;
            RTCPeerConnection.prototype.setRemoteDescription = function (d) {
              if (d && d.type === 'offer' && d.sdp) {
                d = { type: d.type, sdp: d.sdp.split('\\r\\n').filter(l => !/transport-cc|transport-wide-cc/.test(l)).join('\\r\\n') };
              }
              return set.call(this, d);
            };
            return true;
            """;

    /** The camera's size, and so the top layer's width; the low layer is a quarter of it. */
    static final int TOP = 960;

    static final int LOW = TOP / 4;

    NetLab lab;
    MediaServer server;
    Chromium local;
    Chromium remote;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {remote, local, server, lab}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aSubscriberWhoseDownlinkCollapsesDropsToTheLowLayerKeepsItsSoundAndComesBack() throws Exception {
        Outcome o = collapse(false, 400, 40);
        assertLandedOnTheLowLayer(o);
        assertThat(o.bob.msBackToTop)
                .as("time until bob is back on the top layer" + o.seen)
                .isBetween(0L, 10_000L);
    }

    /**
     * A REMB-only browser's estimate grows only a little above what arrives, so without padding
     * toward it bob would stay on the low layer after the link recovered. 30 s: its estimate grows
     * at its own pace, at most 8 % a second and slower near the rate it last saw the path fail at.
     */
    @Test
    void aRembOnlySubscriberWhoseDownlinkCollapsesComesBackToo() throws Exception {
        Outcome o = collapse(true, 400, 15);
        assertLandedOnTheLowLayer(o);
        assertThat(o.bob.msBackToTop)
                .as("time until bob is back on the top layer" + o.seen)
                .isBetween(0L, 30_000L);
        assertThat(subscriberMeter("quorum.sfu.subscriber.probe", o.bobsParticipant)
                        .functionCounter()
                        .count())
                .as("padding sent toward bob's REMB")
                .isPositive();
    }

    /**
     * A link narrower than the low layer and the sound together (100 kbit/s): bob's video pauses
     * rather than take the sound down with it, and comes back once the link does.
     */
    @Test
    void aDownlinkTooNarrowForAnyVideoKeepsTheSound() throws Exception {
        Outcome o = collapse(false, 100, 15);
        assertThat(o.bobsLayer)
                .as("bob's forwarded layer at the end of the outage, by his meters: none")
                .isEqualTo(-1);
        assertThat(o.bob.framesLateInOutage)
                .as("frames bob decoded in the outage's last 5 s" + o.seen)
                .isLessThan(5);
        // The first second of the outage, the queue of video already sent drowns some of the
        // sound; once the video paused, the sound gets through whole.
        assertThat(o.bob.concealedLateInOutagePercent)
                .as("bob's audio concealed from 3 s into the outage" + o.seen)
                .isLessThan(1.0);
        assertThat(o.bob.concealedPercent)
                .as("bob's audio concealed in all" + o.seen)
                .isLessThan(5.0);
        assertThat(o.bob.msBackToTop)
                .as("time until bob is back on the top layer" + o.seen)
                .isBetween(0L, 20_000L);
    }

    record Outcome(
            Figures bob,
            Figures carol,
            String seen,
            BrowserParticipant bobsParticipant,
            double bobsLayer,
            double bobsEstimate) {}

    /** Bob's view and meters when the link carries the low layer and not the middle one. */
    private void assertLandedOnTheLowLayer(Outcome o) {
        assertThat(o.bob.concealedPercent).as("bob's audio concealed" + o.seen).isLessThan(2.0);
        assertThat(o.bob.msToLowLayer)
                .as("time until bob shows the low layer" + o.seen)
                .isBetween(0L, 3_000L);
        assertThat(o.bob.frozenMs).as("bob's video frozen in total" + o.seen).isLessThanOrEqualTo(1_000);
        assertThat(o.bobsLayer)
                .as("bob's forwarded layer at the end of the outage, by his meters")
                .isBetween(0.0, 1.0);
        assertThat(o.bobsEstimate)
                .as("bob's estimate at the end of the outage, by his meters")
                .isBetween(100_000.0, 400_000.0);
        assertThat(subscriberMeter("quorum.sfu.subscription.layer.switches.down", o.bobsParticipant)
                        .functionCounter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    /**
     * The scenario, with what every variant must show asserted (bob's sound, carol untouched, bob
     * back on top in the end); returns what the variants judge differently.
     */
    private Outcome collapse(boolean rembOnly, int outageKbps, int outageSeconds) throws Exception {
        lab = new NetLab();
        NetLab.Link bobsLink = lab.link();
        bobsLink.downlink(5_000, 200);
        server = new MediaServer(UnaryOperator.identity(), SignalingConfig.DEFAULTS, bobsLink.hostAddress);
        local = Chromium.start();
        remote = Chromium.inNamespace(bobsLink, Path.of("target", "impaired-downlink-chromedriver.log"));

        BrowserParticipant alice = BrowserParticipant.open(local, server.pageUrl(), "alice", false);
        alice.join(
                server.token("alice"),
                "weak-link",
                Map.of("video", Map.of("width", TOP, "height", TOP * 9 / 16), "simulcast", true));
        BrowserParticipant carol = BrowserParticipant.open(local, server.pageUrl(), "carol", true);
        carol.join(server.token("carol"), "weak-link", Map.of("video", false, "audio", false));
        BrowserParticipant bob = BrowserParticipant.open(remote, server.pageUrl(bobsLink.hostAddress), "bob", false);
        if (rembOnly) {
            bob.run(REMB_ONLY);
        }
        bob.join(server.token("bob"), "weak-link", Map.of("video", false, "audio", false));
        assertThat(bob.run("return room._subscriber.remoteDescription.sdp.includes('transport-cc')"))
                .as("bob's browser told of transport-cc")
                .isEqualTo(!rembOnly);

        long joined = now(bob);
        for (BrowserParticipant p : List.of(bob, carol)) {
            p.run(SAMPLER);
            // Steadily: the last 3 s of samples all on the top layer, decoding.
            p.waitFor(
                    "3 s on the top layer",
                    "window.samples.length > 15 && window.samples.slice(-15).every(s => s.width === " + TOP
                            + ") && window.samples.at(-1).frames > window.samples.at(-15).frames + 30",
                    Duration.ofSeconds(60));
        }
        long start = now(bob);
        String variant = rembOnly ? "impaired downlink (REMB only)" : "impaired downlink";
        System.out.println(variant + ": bob and carol steadily on the top layer " + (start - joined)
                + " ms after joining (3 s of that is the steadiness asked for)");
        bobsLink.downlink(outageKbps, 200);
        long dropped = now(bob);
        Thread.sleep(outageSeconds * 1000L); // the length of the outage is the scenario
        // Bob's own meters, as /metrics shows them with rooms.per-subscriber-metrics: a layer
        // below the top one, an estimate within the narrow link; carol's: the top layer.
        double bobsLayer =
                subscriberMeter("quorum.sfu.subscription.layer", bob).gauge().value();
        double bobsEstimate =
                subscriberMeter("quorum.sfu.subscriber.bandwidth", bob).gauge().value();
        double carolsLayer =
                subscriberMeter("quorum.sfu.subscription.layer", carol).gauge().value();
        bobsLink.downlink(5_000, 200);
        long recovered = now(bob);
        // Decoding on it: a paused picture keeps the width of its last frame.
        bob.waitFor(
                "back on the top layer",
                "window.samples.at(-1).width === " + TOP
                        + " && window.samples.at(-1).frames > window.samples.at(-6).frames + 5",
                Duration.ofSeconds(40));
        Thread.sleep(2_000);
        long end = now(bob);

        java.nio.file.Files.writeString(
                Path.of("target", "impaired-downlink-" + (rembOnly ? "remb-" : "") + outageKbps + "-bob.json"),
                String.valueOf(bob.run(
                        "return JSON.stringify({dropped: arguments[0], recovered: arguments[1], samples: window.samples})",
                        dropped,
                        recovered)));
        Figures b = Figures.of(bob, dropped, recovered, start, end);
        Figures c = Figures.of(carol, dropped, recovered, start, end);
        System.out.println(variant + ", bob (" + outageKbps + " kbit/s for " + outageSeconds + " s): " + b);
        System.out.println(variant + ", carol (unlimited): " + c);
        String seen = " (bob " + b + "; carol " + c + ")";

        assertThat(c.minWidth).as("carol's smallest frame width" + seen).isEqualTo(TOP);
        assertThat(c.frozenMs).as("carol's video frozen in total" + seen).isLessThanOrEqualTo(200);
        assertThat(carolsLayer).as("carol's forwarded layer meanwhile").isEqualTo(2);
        assertThat(subscriberMeter("quorum.sfu.subscription.layer", bob).gauge().value())
                .as("bob's forwarded layer once the link recovered")
                .isEqualTo(2);
        return new Outcome(b, c, seen, bob, bobsLayer, bobsEstimate);
    }

    private io.micrometer.core.instrument.search.RequiredSearch subscriberMeter(String name, BrowserParticipant p) {
        return server.engine.registry.get(name).tag("participant", p.sid());
    }

    private static long now(BrowserParticipant p) {
        return ((Number) p.run("return Date.now()")).longValue();
    }

    /** What one watcher saw of the scenario, from its samples. */
    record Figures(
            long msToLowLayer,
            long msBackToTop,
            int minWidth,
            long frozenMs,
            int freezes,
            double concealedPercent,
            long framesLateInOutage,
            double concealedLateInOutagePercent) {

        @SuppressWarnings("unchecked")
        static Figures of(BrowserParticipant p, long dropped, long recovered, long start, long end) {
            List<Map<String, Object>> all = (List<Map<String, Object>>) p.run("return window.samples");
            List<Map<String, Object>> window = all.stream()
                    .filter(s -> num(s, "t") >= start && num(s, "t") <= end)
                    .toList();
            long toLow = window.stream()
                    .filter(s -> num(s, "t") >= dropped && num(s, "width") > 0 && num(s, "width") <= LOW)
                    .mapToLong(s -> num(s, "t") - dropped)
                    .findFirst()
                    .orElse(-1);
            // The first sample after the recovery that shows a new frame of the top layer.
            long backUp = -1;
            for (int i = 1; i < window.size() && backUp < 0; i++) {
                Map<String, Object> s = window.get(i);
                if (num(s, "t") >= recovered
                        && num(s, "width") == TOP
                        && num(s, "frames") > num(window.get(i - 1), "frames")) {
                    backUp = num(s, "t") - recovered;
                }
            }
            int minWidth =
                    (int) window.stream().mapToLong(s -> num(s, "width")).min().orElse(0);
            Map<String, Object> first = window.get(0);
            Map<String, Object> last = window.get(window.size() - 1);
            long frozen = Math.round((dbl(last, "frozen") - dbl(first, "frozen")) * 1000);
            int freezes = (int) (num(last, "freezes") - num(first, "freezes"));
            // Frames decoded in the outage's last 5 s: a picture still moving, or a paused one.
            List<Map<String, Object>> late = window.stream()
                    .filter(s -> num(s, "t") >= recovered - 5_000 && num(s, "t") <= recovered)
                    .toList();
            long framesLate =
                    late.isEmpty() ? -1 : num(late.get(late.size() - 1), "frames") - num(late.get(0), "frames");
            // The sound from 3 s into the outage to its end: once the layers have adapted.
            List<Map<String, Object>> settled = window.stream()
                    .filter(s -> num(s, "t") >= dropped + 3_000 && num(s, "t") <= recovered)
                    .toList();
            double concealedLate = concealed(settled.get(0), settled.get(settled.size() - 1));
            return new Figures(
                    toLow, backUp, minWidth, frozen, freezes, concealed(first, last), framesLate, concealedLate);
        }

        private static double concealed(Map<String, Object> first, Map<String, Object> last) {
            double samples = dbl(last, "samples") - dbl(first, "samples");
            return samples <= 0 ? 100 : 100 * (dbl(last, "concealed") - dbl(first, "concealed")) / samples;
        }

        private static long num(Map<String, Object> s, String key) {
            return ((Number) s.get(key)).longValue();
        }

        private static double dbl(Map<String, Object> s, String key) {
            return ((Number) s.get(key)).doubleValue();
        }
    }
}
