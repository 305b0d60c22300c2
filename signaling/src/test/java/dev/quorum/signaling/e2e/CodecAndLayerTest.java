package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.EngineUnderTest;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.MediaStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the room's codec and a subscriber's size preference change, seen in Chromium's statistics. */
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
        server.rooms().createRoom(server.accountSid(), "h264", EngineUnderTest.withVideoCodecs(List.of("H264")));
        Map<String, Object> video = Map.of("video", Map.of("width", 640, "height", 360));
        BrowserParticipant alice = join("alice", "h264", false, video);
        BrowserParticipant bob = join("bob", "h264", true, video);
        for (BrowserParticipant p : List.of(alice, bob)) {
            BrowserParticipant other = p == alice ? bob : alice;
            p.await(MediaStats.MARK);
            p.waitFor("media from " + other.identity, MediaStats.flowingFrom(other.sid()));
            assertThat(p.await(MediaStats.INBOUND)).asString().contains("codec=video/H264").doesNotContain("VP8");
        }
    }

    @Test
    void aSubscriberAskingForASmallSizeGetsTheLowSimulcastLayer() {
        BrowserParticipant alice = join("alice", "layers", false, Map.of("video", Map.of("width", 1280, "height", 720)));
        BrowserParticipant bob = join("bob", "layers", true, Map.of("video", false));
        String width = "(async () => Object.values(await window.mediaStats.inbound())"
                + ".filter(s => s.kind === 'video').map(s => s.frameWidth)[0] || 0)()";
        String video = "[...room.participants.get('" + alice.sid() + "').subscribedTracks.values()]"
                + ".find(t => t.kind === 'video')";
        bob.waitFor("alice's video", video + " !== undefined");
        bob.waitFor("a layer above the lowest", "(async () => (await " + width + ") > 320)()");
        bob.run(video + ".setPreferredSize(320, 180)");
        bob.waitFor("the lowest layer (1280/4 = 320 wide)", "(async () => (await " + width + ") === 320)()");
        bob.await(MediaStats.MARK);
        bob.waitFor("still decoding", "(async () => { const s = Object.values(await window.mediaStats.inbound())"
                + ".find(x => x.kind === 'video'); const b = Object.values(window.mediaStats.base)"
                + ".find(x => x.kind === 'video'); return s.framesDecoded > b.framesDecoded + 10 && s.frameWidth === 320; })()");
        bob.run(video + ".setPreferredSize(1280, 720)");
        bob.waitFor("a higher layer again", "(async () => (await " + width + ") > 320)()");
    }
}
