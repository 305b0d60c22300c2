package dev.quorum.bench.sidebyside;

import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.NetLab;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A viewer whose downlink collapses, as {@code ImpairedDownlinkTest} plays it against our server
 * alone: the publisher, on the host, sends its camera at 960×540 in three simulcast layers; the
 * viewer, in the namespace, receives it over a link shaped to 5 Mbit/s that drops to 400 kbit/s for
 * 40 s and then recovers. What the viewer saw is sampled from its getStats every 200 ms
 * ({@code sampler.js}) and measured from the drop until 20 s after the recovery.
 */
final class DownlinkCollapse {

    static final Video CAMERA = new Video(960, 540, 30);
    static final int NORMAL_KBPS = 5_000;
    static final int COLLAPSED_KBPS = 400;
    /** The shaper's queue, as the test's: what waits longer is dropped. */
    static final int QUEUE_MS = 200;

    static final Duration OUTAGE = Duration.ofSeconds(40);
    static final Duration RECOVERY = Duration.ofSeconds(20);

    /** The widths of the layers the publisher is sending, top first: whether simulcast is on. */
    private static final String LAYERS = """
            const widths = [];
            for (const pc of window.benchPeerConnections) {
              if (pc.connectionState === 'closed') continue;
              (await pc.getStats()).forEach((r) => {
                if (r.type === 'outbound-rtp' && r.kind === 'video' && r.frameWidth) widths.push(r.frameWidth);
              });
            }
            return widths.sort((a, b) => b - a).join('+');
            """;

    private DownlinkCollapse() {}

    static Collapse run(MediaServer server, int run, Chromium host, Chromium inside, NetLab.Link link) {
        link.downlink(NORMAL_KBPS, QUEUE_MS);
        Object publisher = server.publish(host, CAMERA, true);
        server.watch(inside, publisher);
        inside.run(Child.resource("sampler.js"));
        // Steadily: the last 3 s of samples all on the top layer, decoding.
        Page.waitFor(
                inside,
                "3 s decoding on the top layer (" + Collapse.TOP + " wide)",
                "window.benchSamples.length > 15 && window.benchSamples.slice(-15).every(s => s.width === "
                        + Collapse.TOP
                        + ") && window.benchSamples.at(-1).frames > window.benchSamples.at(-15).frames + 30",
                Duration.ofSeconds(60));
        String layers = String.valueOf(Page.await(host, LAYERS));
        long dropped = Page.now(inside);
        link.downlink(COLLAPSED_KBPS, QUEUE_MS);
        Child.pause(OUTAGE);
        link.downlink(NORMAL_KBPS, QUEUE_MS);
        long recovered = Page.now(inside);
        Child.pause(RECOVERY.plusMillis(500));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> samples = (List<Map<String, Object>>) inside.run("return window.benchSamples");
        return Collapse.of(server.name(), run, layers, samples, dropped, recovered, recovered + RECOVERY.toMillis());
    }
}
