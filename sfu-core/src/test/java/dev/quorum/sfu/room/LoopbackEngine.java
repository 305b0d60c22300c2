package dev.quorum.sfu.room;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The engine over the real media port on loopback (UDP, ICE, DTLS, SRTP) with the system clock,
 * and the client-role peers that connect to it; closing it closes the rooms, the peers and the
 * port. The port and the engine share one meter registry, so a test reads the transport's and
 * the rooms' meters from the same place.
 */
final class LoopbackEngine implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final EventBus bus = new EventBus();
    final MediaPort port;
    final Rooms rooms;
    private final List<ClientPeer> peers = new ArrayList<>();

    /** Two event loops, two DTLS workers, 30 s consent and 10 s handshake timeouts. */
    LoopbackEngine() throws Exception {
        this(UnaryOperator.identity());
    }

    /** With {@code adjust} applied to the port's settings. */
    LoopbackEngine(UnaryOperator<TransportConfig> adjust) throws Exception {
        port = new MediaPort(
                adjust.apply(TransportConfig.defaults()
                        .withPort(0)
                        .withAddresses(LOOPBACK, List.of(LOOPBACK))
                        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10))
                        .withThreads(2, 2, false)),
                registry);
        try {
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
        } catch (Exception | Error e) {
            port.close();
            bus.close();
            throw e;
        }
    }

    Participant join(String room, String identity) throws Exception {
        return join(room, identity, new RecordingListener());
    }

    Participant join(String room, String identity, RecordingListener listener) throws Exception {
        return get(rooms.join(EngineHarness.ACCOUNT, room, identity, listener));
    }

    /** A client peer, closed with the engine. */
    ClientPeer peer() {
        ClientPeer p = new ClientPeer();
        peers.add(p);
        return p;
    }

    /** A peer started against {@code p}'s publisher transport; the caller connects it. */
    ClientPeer startPublisher(Participant p) throws Exception {
        ClientPeer peer = peer();
        TransportDescription answer = get(p.publisherTransport(
                peer.fingerprint().algorithm(), peer.fingerprint().hex()));
        return peer.start(answer, port);
    }

    /**
     * Publishes a microphone with {@code ssrc}. The test peer sends payload type 96; it is called
     * Opus so every packet is forwarded as it comes.
     */
    TrackInfo publishMicrophone(Participant p, long ssrc) throws Exception {
        CodecChoice opus = new CodecChoice(96, "opus", 48000, 2, Map.of(), List.of(), -1);
        return get(p.updatePublications(List.of(new PublishedMedia(
                        "0", TrackKind.AUDIO, "mic", opus, Map.of(), List.of(ssrc), Map.of(), List.of()))))
                .get(0)
                .track();
    }

    /** A subscriber's peer and the offer it answered. */
    record Subscriber(ClientPeer peer, SubscriberOffer offer) {}

    /**
     * Fetches {@code p}'s subscriber offer and answers it from a new peer accepting every header
     * extension; the caller connects the peer.
     */
    Subscriber startSubscriber(Participant p) throws Exception {
        ClientPeer peer = peer();
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
        return new Subscriber(peer, offer);
    }

    static <T> T get(CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Rooms first (they close their transports), then the peers, the port and the bus. */
    @Override
    public void close() {
        try {
            rooms.close();
        } finally {
            try {
                peers.forEach(ClientPeer::close);
            } finally {
                try {
                    port.close();
                } finally {
                    bus.close();
                }
            }
        }
    }
}
