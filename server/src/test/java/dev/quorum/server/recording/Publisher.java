package dev.quorum.server.recording;

import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import java.util.Map;

/**
 * A Chromium tab publishing its fake camera (640×360, simulcast as the SDK does by default) and
 * microphone through the SDK, which also notes, from the page's own clock, when each kind of media
 * first left the browser and when it left the room. Those instants bound the <em>publishing
 * time</em> the recordings are compared with.
 *
 * <p>The first send is found by polling the publisher connection's {@code outbound-rtp} statistics
 * every 20 ms from before the connection exists (the page's {@code RTCPeerConnection} is wrapped
 * to see it created) until both kinds were seen, so it is late by at most the poll interval plus
 * Chromium's statistics cache (about 50 ms). The browser and the server share this machine's clock.
 */
final class Publisher {

    private static final String SPY = """
            if (!window.firstSent) {
              window.firstSent = {};
              const pcs = [];
              const Native = window.RTCPeerConnection;
              window.RTCPeerConnection = class extends Native {
                constructor(...a) { super(...a); pcs.push(this); }
              };
              const poll = async () => {
                if ('audio' in window.firstSent && 'video' in window.firstSent) return;
                for (const pc of pcs) {
                  if (pc.connectionState === 'closed') continue;
                  try {
                    const stats = await pc.getStats();
                    const now = Date.now();
                    stats.forEach(s => {
                      if (s.type === 'outbound-rtp' && s.packetsSent > 0 && !(s.kind in window.firstSent)) {
                        window.firstSent[s.kind] = now;
                      }
                    });
                  } catch (e) { /* closed meanwhile */ }
                }
                setTimeout(poll, 20);
              };
              poll();
            }
            return true;
            """;

    final BrowserParticipant tab;
    final String sid;
    private long leftAt;

    private Publisher(BrowserParticipant tab, String sid) {
        this.tab = tab;
        this.sid = sid;
    }

    static Publisher join(Chromium chromium, String pageUrl, String token, String room, String identity) {
        return join(
                chromium, pageUrl, token, room, identity, null, Map.of("video", Map.of("width", 640, "height", 360)));
    }

    /**
     * Joins after running {@code setup} in the page (e.g. {@link MarkerSource#install}, which
     * replaces the fake devices); {@code options} are {@code connect()} options.
     */
    static Publisher join(
            Chromium chromium,
            String pageUrl,
            String token,
            String room,
            String identity,
            String setup,
            Map<String, Object> options) {
        BrowserParticipant tab = BrowserParticipant.open(chromium, pageUrl, identity, true);
        tab.run(SPY);
        if (setup != null) {
            tab.run(setup);
        }
        String sid = tab.join(token, room, options);
        Publisher p = new Publisher(tab, sid);
        p.firstSent("audio");
        if (!Boolean.FALSE.equals(options.get("video"))) {
            p.firstSent("video");
        }
        return p;
    }

    /** When media of this kind first left the browser (epoch ms); waits for it. */
    long firstSent(String kind) {
        return ((Number) tab.waitFor(kind + " sent", "window.firstSent['" + kind + "']")).longValue();
    }

    /** Disables or enables the SDK's local track of this kind (mute); returns when, in epoch ms. */
    long setEnabled(String kind, boolean enabled) {
        String name = kind.equals("audio") ? "microphone" : "camera";
        return ((Number) tab.run("room.localParticipant.tracks.get('" + name + "')." + (enabled ? "enable" : "disable")
                        + "(); return Date.now();"))
                .longValue();
    }

    /** Leaves the room (the SDK closes its peer connections); returns when, in epoch ms. */
    long leave() {
        leftAt = ((Number) tab.run("const t = Date.now(); room.disconnect(); return t;")).longValue();
        return leftAt;
    }

    /** Seconds between the first packet of this kind leaving the browser and the participant leaving. */
    double publishingSeconds(String kind) {
        return (leftAt - firstSent(kind)) / 1000.0;
    }

    /** The browser's own clock, epoch ms. */
    long now() {
        return ((Number) tab.run("return Date.now();")).longValue();
    }
}
