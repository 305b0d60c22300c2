package dev.quorum.bench.sidebyside;

import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.NetLab;
import java.time.Duration;
import java.util.Map;

/**
 * A publisher whose uplink loses 5 % and is delayed 100 ± 20 ms, as {@code LossyUplinkTest} plays
 * it against our server alone: the publisher, in the namespace, sends one 640×360 layer (so the
 * frames it encodes are the frames the viewer is sent); the viewer, on the host, receives it
 * cleanly. Over 30 s: the frames the publisher encoded against the frames the viewer decoded, and
 * the viewer's freezes. The viewer is read 1 s later than the publisher at both ends of the
 * window, so that the frames in flight at its start and at its end count alike.
 */
final class LossyUplink {

    static final Video CAMERA = new Video(640, 360, 30);
    static final int DELAY_MS = 100;
    static final int JITTER_MS = 20;
    static final double LOSS_PERCENT = 5;
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final Duration IN_FLIGHT = Duration.ofSeconds(1);

    private static final String SENT = """
            const t = { frames: 0, bytes: 0 };
            for (const pc of window.benchPeerConnections) {
              if (pc.connectionState === 'closed') continue;
              (await pc.getStats()).forEach((r) => {
                if (r.type === 'outbound-rtp' && r.kind === 'video') { t.frames += r.framesEncoded || 0; t.bytes += r.bytesSent || 0; }
              });
            }
            return t;
            """;

    private LossyUplink() {}

    static Uplink run(MediaServer server, int run, Chromium host, Chromium inside, NetLab.Link link) {
        link.uplinkDelay(DELAY_MS, JITTER_MS);
        try {
            Object publisher = server.publish(inside, CAMERA, false);
            server.watch(host, publisher);
            Page.waitFor(
                    host,
                    "the publisher's video decoding",
                    "(await window.benchTotals()).framesDecoded > 60",
                    Duration.ofSeconds(60));
            link.loss(0, LOSS_PERCENT);
            long t0 = System.nanoTime();
            Map<?, ?> sent0 = (Map<?, ?>) Page.await(inside, SENT);
            Child.pause(IN_FLIGHT);
            PageTotals seen0 = totals(host);
            Child.pause(Duration.ofNanos(Math.max(0, t0 + WINDOW.toNanos() - System.nanoTime())));
            Map<?, ?> sent1 = (Map<?, ?>) Page.await(inside, SENT);
            Child.pause(IN_FLIGHT);
            PageTotals seen = totals(host).since(seen0);
            return new Uplink(
                    server.name(),
                    run,
                    (long) (num(sent1, "frames") - num(sent0, "frames")),
                    (long) seen.framesDecoded(),
                    (long) seen.freezes(),
                    seen.freezeSeconds(),
                    (num(sent1, "bytes") - num(sent0, "bytes")) * 8 / 1000 / WINDOW.toSeconds());
        } finally {
            link.loss(0, 0);
            link.uplinkDelay(0, 0);
        }
    }

    private static PageTotals totals(Chromium page) {
        return PageTotals.of((Map<?, ?>) Page.await(page, "return await window.benchTotals();"));
    }

    private static double num(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
