package dev.quorum.signaling.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.signaling.session.RoomDirectory;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.EngineFixture;
import dev.quorum.signaling.testing.NullLinks;
import dev.quorum.signaling.testing.TestHttpServer;
import dev.quorum.signaling.token.AccessTokenMinter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Signaling over the real rooms engine with transports that never connect: every offer and answer
 * the engine's state produces is written by signaling and must be accepted by Chromium, and the
 * room's events reach the SDK. Media is covered by the end-to-end tests.
 */
@Tag("slow")
class EngineSignalingTest {

    final MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EngineFixture engine;
    TestHttpServer server;
    Chromium chromium;

    @BeforeEach
    void start() throws Exception {
        engine = new EngineFixture(loops, new NullLinks());
        server = new TestHttpServer(RoomDirectory.of(engine.rooms), SignalingConfig.DEFAULTS, false);
        chromium = Chromium.start();
    }

    @AfterEach
    void stop() throws Exception {
        chromium.close();
        server.close();
        engine.close();
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    BrowserParticipant join(String identity, String room, boolean newTab) {
        BrowserParticipant p = BrowserParticipant.open(chromium, server.url() + "/", identity, newTab);
        p.join(
                new AccessTokenMinter(TestHttpServer.KEY, Clock.systemUTC()).mint(identity, null, Duration.ofHours(1)),
                room,
                Map.of("video", Map.of("width", 320, "height", 180)));
        return p;
    }

    static String subscribed(BrowserParticipant from, int count) {
        return "room.participants.get('" + from.sid() + "')?.subscribedTracks.size === " + count;
    }

    @Test
    void participantsReceiveEachOthersTracksAndVacantSectionsAreRecycled() {
        BrowserParticipant alice = join("alice", "daily", false);
        BrowserParticipant bob = join("bob", "daily", true);
        alice.waitFor("bob's two tracks", subscribed(bob, 2));
        bob.waitFor("alice's two tracks", subscribed(alice, 2));
        alice.waitFor("answered", "room._subscriber.signalingState === 'stable'");
        assertThat(alice.run("return room._subscriber.getTransceivers().map(t => t.mid + ':' + t.receiver.track.kind)"))
                .isEqualTo(List.of("0:audio", "1:video"));

        bob.run("room.disconnect()");
        alice.waitFor("bob gone", "events.includes('participantDisconnected:bob')");
        alice.waitFor("bob's tracks dropped", "events.filter(e => e.startsWith('trackUnsubscribed')).length === 2");
        alice.waitFor(
                "vacant sections inactive",
                "room._subscriber.getTransceivers().every(t => t.currentDirection === 'inactive')");

        BrowserParticipant carol = join("carol", "daily", true);
        alice.waitFor("carol's two tracks", subscribed(carol, 2));
        assertThat(alice.run("return room._subscriber.getTransceivers().map(t => t.mid + ':' + t.currentDirection)"))
                .isEqualTo(List.of("0:recvonly", "1:recvonly"));
        assertThat(carol.events()).contains("participantConnected:alice");
    }

    @Test
    void anH264RoomPublishesAndForwardsH264() throws Exception {
        engine.rooms.createRoom(
                TestHttpServer.KEY.accountSid(), "h264", EngineFixture.withVideoCodecs(List.of("H264")));
        BrowserParticipant alice = join("alice", "h264", false);
        BrowserParticipant bob = join("bob", "h264", true);
        assertThat(alice.run("return room._publisher.getTransceivers()[1].sender.getParameters().codecs[0].mimeType"))
                .isEqualTo("video/H264");
        bob.waitFor("alice's tracks", subscribed(alice, 2));
        bob.waitFor("answered", "room._subscriber.signalingState === 'stable'");
        assertThat(bob.run("return room._subscriber.getTransceivers()[1].receiver.getParameters().codecs[0].mimeType"))
                .isEqualTo("video/H264");
    }
}
