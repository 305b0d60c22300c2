package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.api.TrackInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine on the real media port over loopback: a publisher and two subscribers, each a
 * client-role peer doing ICE, DTLS and SRTP. What one publishes, the others decrypt under their
 * own SSRC and sequence numbers.
 */
@Tag("slow")
class EngineOverTransportTest {

    private LoopbackEngine engine;

    @BeforeEach
    void start() throws Exception {
        engine = new LoopbackEngine();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void mediaFlowsFromAPublisherToTwoSubscribersThroughIceDtlsAndSrtp() throws Exception {
        Participant alice = engine.join("e2e", "alice");
        ClientPeer publisher = engine.startPublisher(alice);
        publisher.connect();
        TrackInfo mic = engine.publishMicrophone(alice, 0x5151);

        List<ClientPeer> subscribers = new ArrayList<>();
        List<OutgoingTrack> sections = new ArrayList<>();
        for (String name : List.of("bob", "carol")) {
            LoopbackEngine.Subscriber subscriber = engine.startSubscriber(engine.join("e2e", name));
            subscriber.peer().connect();
            subscribers.add(subscriber.peer());
            sections.add(EngineFixture.section(subscriber.offer(), mic.sid()));
        }
        // DTLS completion reaches the room's loop asynchronously: send until media comes through.
        int seq = 1000;
        byte[] first = null;
        for (int attempt = 0; attempt < 50 && first == null; attempt++) {
            publisher.sendRtp(0x5151, seq++, new byte[] {1, 2, 3});
            first = subscribers.get(0).awaitRtpWithin(100);
        }
        assertThat(first).as("media reached the first subscriber").isNotNull();
        drain(subscribers);

        for (int i = 0; i < 20; i++) {
            publisher.sendRtp(0x5151, seq + i, new byte[] {(byte) i, 42, 42, 42});
        }
        for (int s = 0; s < 2; s++) {
            int previous = -1;
            for (int i = 0; i < 20; i++) {
                byte[] p = subscribers.get(s).awaitRtp();
                assertThat(p).as("packet %d at subscriber %d", i, s).isNotNull();
                ByteBuffer b = ByteBuffer.wrap(p);
                int sequence = b.getShort(2) & 0xFFFF;
                assertThat(b.getInt(8) & 0xFFFFFFFFL).isEqualTo(sections.get(s).ssrc());
                assertThat(p[1] & 0x7F).isEqualTo(sections.get(s).codec().payloadType());
                if (previous >= 0) {
                    assertThat(sequence).isEqualTo((previous + 1) & 0xFFFF);
                }
                previous = sequence;
                int headerLength = 12 + ((p[0] & 0x10) != 0 ? 4 + 4 * (b.getShort(14) & 0xFFFF) : 0);
                assertThat(p[headerLength]).isEqualTo((byte) i);
            }
        }
        // A receiver report from a subscriber is taken in; sender reports come back only once the
        // publisher sent one, so here nothing else is asserted about RTCP.
        subscribers.get(0).sendRtcp(0x7777);
        assertThat(engine.registry
                        .get("quorum.sfu.packets.forwarded")
                        .functionCounter()
                        .count())
                .isGreaterThanOrEqualTo(40);
    }

    @Test
    void aClientClosingItsPeerConnectionLeavesTheRoomWithoutAFailure() throws Exception {
        RecordingListener aliceL = new RecordingListener();
        RecordingListener bobL = new RecordingListener();
        Participant alice = engine.join("e2e", "alice", aliceL);
        engine.join("e2e", "bob", bobL);
        ClientPeer publisher = engine.startPublisher(alice);
        publisher.connect();
        engine.publishMicrophone(alice, 0x5151);

        publisher.closeDtls();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!bobL.calls.contains("disconnected alice") && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(bobL.calls).containsSubsequence("unpublished alice mic", "disconnected alice");
        assertThat(aliceL.calls)
                .as("no error for a client that closed on purpose")
                .noneMatch(c -> c.startsWith("kicked"));
        assertThat(engine.registry
                        .get("quorum.media.transports.closed")
                        .tag("reason", "dtls_closed_by_peer")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private static void drain(List<ClientPeer> subscribers) {
        for (ClientPeer p : subscribers) {
            while (p.awaitRtpWithin(200) != null) {
                // Packets of the warm-up.
            }
        }
    }
}
