package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.EngineFixture;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.MediaStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the room's codec and a subscriber's size preference change, seen in Chromium's statistics. */
@Tag("slow")
class CodecAndLayerTest {

    MediaServer server;
    Chromium chromium;

    @BeforeEach
    void start() throws Exception {
        server = new MediaServer();
        chromium = Chromium.start();
    }

    @AfterEach
    void stop() throws Exception {
        chromium.close();
        server.close();
    }

    BrowserParticipant join(String identity, String room, boolean newTab, Map<String, Object> options) {
        BrowserParticipant p = BrowserParticipant.open(chromium, server.pageUrl(), identity, newTab);
        p.join(server.token(identity), room, options);
        return p;
    }

    @Test
    void anH264RoomCarriesH264BothWays() throws Exception {
        server.rooms().createRoom(server.accountSid(), "h264", EngineFixture.withVideoCodecs(List.of("H264")));
        Map<String, Object> video = Map.of("video", Map.of("width", 640, "height", 360));
        BrowserParticipant alice = join("alice", "h264", false, video);
        BrowserParticipant bob = join("bob", "h264", true, video);
        for (BrowserParticipant p : List.of(alice, bob)) {
            BrowserParticipant other = p == alice ? bob : alice;
            p.await(MediaStats.MARK);
            p.waitFor("media from " + other.identity, MediaStats.flowingFrom(other.sid()));
            assertThat(p.await(MediaStats.INBOUND))
                    .asString()
                    .contains("codec=video/H264")
                    .doesNotContain("VP8");
        }
    }

    @Test
    void aSubscriberAskingForASmallSizeGetsTheLowSimulcastLayer() {
        smallSizeGetsTheLowLayer("layers", "video/VP8");
    }

    @Test
    void anH264SubscriberAskingForASmallSizeGetsTheLowSimulcastLayer() throws Exception {
        server.rooms().createRoom(server.accountSid(), "h264-layers", EngineFixture.withVideoCodecs(List.of("H264")));
        smallSizeGetsTheLowLayer("h264-layers", "video/H264");
    }

    /**
     * The layer sizes come from the keyframes (VP8 header, H.264 SPS): a preference picks among
     * them. The widths are compared with what alice sends per layer right now, since Chromium may
     * scale every layer down when the machine is busy.
     */
    void smallSizeGetsTheLowLayer(String room, String codec) {
        BrowserParticipant alice = join("alice", room, false, Map.of("video", Map.of("width", 1280, "height", 720)));
        BrowserParticipant bob = join("bob", room, true, Map.of("video", false));
        String video = "[...room.participants.get('" + alice.sid() + "').subscribedTracks.values()]"
                + ".find(t => t.kind === 'video')";
        bob.waitFor("alice's video", video + " !== undefined");
        awaitLayer(alice, bob, "a layer above the lowest", false);
        bob.run(video + ".setPreferredSize(320, 180)");
        awaitLayer(alice, bob, "the lowest layer", true);
        bob.await(MediaStats.MARK);
        bob.waitFor(
                "still decoding",
                "(async () => { const s = Object.values(await window.mediaStats.inbound())"
                        + ".find(x => x.kind === 'video'); const b = Object.values(window.mediaStats.base)"
                        + ".find(x => x.kind === 'video'); return s.framesDecoded > b.framesDecoded + 10; })()");
        awaitLayer(alice, bob, "still the lowest layer", true);
        bob.run(video + ".setPreferredSize(1280, 720)");
        awaitLayer(alice, bob, "a higher layer again", false);
        assertThat(bob.await(MediaStats.INBOUND)).asString().contains("codec=" + codec);
    }

    /**
     * Waits until bob decodes alice's lowest layer ({@code lowest}) or a larger one, while alice
     * sends a top layer wider than the lowest (so the two are told apart).
     */
    @SuppressWarnings("unchecked")
    static void awaitLayer(BrowserParticipant alice, BrowserParticipant bob, String description, boolean lowest) {
        String sent = "const r = await room._publisher.getStats(); const w = {};"
                + " r.forEach(s => { if (s.type === 'outbound-rtp' && s.kind === 'video' && s.rid) w[s.rid] = s.frameWidth || 0; });"
                + " return w;";
        String received = "return Object.values(await window.mediaStats.inbound()).filter(s => s.kind === 'video')"
                + ".map(s => s.frameWidth)[0] || 0;";
        long end = System.nanoTime() + BrowserParticipant.WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            Map<String, Object> widths = (Map<String, Object>) alice.await(sent);
            long q = ((Number) widths.getOrDefault("q", 0)).longValue();
            long f = ((Number) widths.getOrDefault("f", 0)).longValue();
            long got = ((Number) bob.await(received)).longValue();
            last = "alice sends " + widths + ", bob decodes " + got;
            if (q > 0 && f > q && (lowest ? got == q : got > q)) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
        }
        throw new AssertionError("timed out: bob: " + description + " (" + last + ")");
    }
}
