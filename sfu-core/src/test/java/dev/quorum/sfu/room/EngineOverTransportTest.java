package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.room.link.TransportLinks;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.sfu.transport.TransportConfig;
import dev.quorum.sfu.transport.TransportDescription;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventBus bus = new EventBus();
    private final List<ClientPeer> peers = new ArrayList<>();
    private MediaPort port;
    private Rooms rooms;

    @BeforeEach
    void start() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        port = new MediaPort(
                TransportConfig.defaults()
                        .withPort(0)
                        .withAddresses(loopback, List.of(loopback))
                        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10))
                        .withThreads(2, 2, false),
                registry);
        port.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        rooms = new Rooms(
                RoomsConfig.defaults(),
                port.eventLoops(),
                new TransportLinks(port),
                bus,
                null,
                registry,
                RoomClock.system(),
                account -> RoomSettings.defaults(false));
    }

    @AfterEach
    void stop() throws Exception {
        rooms.close();
        peers.forEach(ClientPeer::close);
        port.close();
        bus.close();
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Participant join(String identity) throws Exception {
        return get(rooms.join(EngineHarness.ACCOUNT, "e2e", identity, new RecordingListener()));
    }

    @Test
    void mediaFlowsFromAPublisherToTwoSubscribersThroughIceDtlsAndSrtp() throws Exception {
        Participant alice = join("alice");
        ClientPeer publisher = new ClientPeer();
        peers.add(publisher);
        TransportDescription answer = get(alice.publisherTransport(
                publisher.fingerprint().algorithm(), publisher.fingerprint().hex()));
        publisher.start(answer, port).connect();
        // The test peer sends payload type 96; call it Opus so every packet is forwarded as it comes.
        CodecChoice codec = new CodecChoice(96, "opus", 48000, 2, Map.of(), List.of(), -1);
        TrackInfo mic = get(alice.updatePublications(List.of(new PublishedMedia(
                        "0", TrackKind.AUDIO, "mic", codec, Map.of(), List.of(0x5151L), Map.of(), List.of()))))
                .get(0)
                .track();

        List<ClientPeer> subscribers = new ArrayList<>();
        List<OutgoingTrack> sections = new ArrayList<>();
        for (String name : List.of("bob", "carol")) {
            Participant p = join(name);
            ClientPeer peer = new ClientPeer();
            peers.add(peer);
            TransportDescription offerSide = get(p.subscriberTransport(false));
            SubscriberOffer offer = get(p.subscriberOffer());
            Map<String, Integer> extensions = new HashMap<>();
            offer.sections().forEach(s -> extensions.putAll(s.headerExtensions()));
            peer.start(offerSide, port);
            get(p.subscriberAnswered(
                    offer.version(),
                    peer.fingerprint().algorithm(),
                    peer.fingerprint().hex(),
                    extensions));
            peer.connect();
            subscribers.add(peer);
            sections.add(EngineFixture.section(offer, mic.sid()));
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
        assertThat(registry.get("quorum.sfu.packets.forwarded")
                        .functionCounter()
                        .count())
                .isGreaterThanOrEqualTo(40);
    }

    @Test
    void aClientClosingItsPeerConnectionLeavesTheRoomWithoutAFailure() throws Exception {
        RecordingListener aliceL = new RecordingListener();
        RecordingListener bobL = new RecordingListener();
        Participant alice = get(rooms.join(EngineHarness.ACCOUNT, "e2e", "alice", aliceL));
        get(rooms.join(EngineHarness.ACCOUNT, "e2e", "bob", bobL));
        ClientPeer publisher = new ClientPeer();
        peers.add(publisher);
        TransportDescription answer = get(alice.publisherTransport(
                publisher.fingerprint().algorithm(), publisher.fingerprint().hex()));
        publisher.start(answer, port).connect();
        CodecChoice codec = new CodecChoice(96, "opus", 48000, 2, Map.of(), List.of(), -1);
        get(alice.updatePublications(List.of(new PublishedMedia(
                "0", TrackKind.AUDIO, "mic", codec, Map.of(), List.of(0x5151L), Map.of(), List.of()))));

        publisher.closeDtls();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!bobL.calls.contains("disconnected alice") && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(bobL.calls).containsSubsequence("unpublished alice mic", "disconnected alice");
        assertThat(aliceL.calls)
                .as("no error for a client that closed on purpose")
                .noneMatch(c -> c.startsWith("kicked"));
        assertThat(registry.get("quorum.media.transports.closed")
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
