package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.quorum.sfu.api.RoomSettings;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fifty authenticated peers (each a participant whose publisher connection passed ICE with the
 * transport's credentials) send one DTLS ClientHello and fall silent. Meanwhile two participants
 * of another room connect over ICE, DTLS and SRTP as fast as they normally do, and receive each
 * other's media, on a media port with the default DTLS settings.
 */
@Tag("slow")
class SilentHandshakesTest {

    private static final int SILENT = 50;
    /** How much slower than on a quiet port the other room's handshakes may be (machine noise). */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventBus bus = new EventBus();
    private final List<ClientPeer> peers = new ArrayList<>();
    private MediaPort port;
    private Rooms rooms;

    @BeforeEach
    void start() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // The DTLS workers and handshake limit are the production defaults; the timeouts that end a
        // silent peer (silent-peer 10 s, handshake and consent 30 s) are longer: on a busy machine,
        // setting up the 50 peers may take longer than those, and the first would be abandoned
        // before the other room connects (abandoning them is DtlsHandshakeLimitsTest's subject).
        port = new MediaPort(
                TransportConfig.defaults()
                        .withPort(0)
                        .withAddresses(loopback, List.of(loopback))
                        .withThreads(2, TransportConfig.DEFAULT_DTLS_WORKERS, false)
                        .withTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(2))
                        .withHandshakeLimits(TransportConfig.DEFAULT_MAX_HANDSHAKES, Duration.ofMinutes(2)),
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

    @Test
    void fiftySilentHandshakesDelayNobodyInAnotherRoom() throws Exception {
        Duration normal = callBetweenTwo("warm-up");

        double dtlsBefore = dtlsPacketsIn();
        for (int i = 0; i < SILENT; i++) {
            Participant p = get(rooms.join(EngineHarness.ACCOUNT, "lobby", "silent-" + i, new RecordingListener()));
            ClientPeer silent = peer();
            silent.start(
                            get(p.publisherTransport(
                                    silent.fingerprint().algorithm(),
                                    silent.fingerprint().hex())),
                            port)
                    .connectAndFallSilent();
        }
        await("the " + SILENT + " ClientHellos reached the server", () -> dtlsPacketsIn() >= dtlsBefore + SILENT);
        await("the " + SILENT + " handshakes in progress", () -> connecting() == SILENT);

        Duration busy = callBetweenTwo("daily");

        assertThat(connecting()).as("the silent peers' handshakes still hang").isEqualTo(SILENT);
        assertThat(busy)
                .as("handshake time in another room while %d hang (on a quiet port: %s ms)", SILENT, normal.toMillis())
                .isLessThan(normal.plus(SLACK));
        System.out.printf(
                "DTLS+SRTP connect, slowest of two peers: quiet port %d ms, with %d silent handshakes %d ms%n",
                normal.toMillis(), SILENT, busy.toMillis());
    }

    /**
     * Alice publishes, Bob subscribes, both over the real media port; returns the slower of their
     * two connects (ICE, DTLS, SRTP keys) once Bob decrypted Alice's media.
     */
    private Duration callBetweenTwo(String room) throws Exception {
        Participant alice = get(rooms.join(EngineHarness.ACCOUNT, room, "alice", new RecordingListener()));
        ClientPeer publisher = peer();
        publisher.start(
                get(alice.publisherTransport(
                        publisher.fingerprint().algorithm(),
                        publisher.fingerprint().hex())),
                port);
        Duration slowest = timedConnect(publisher, "alice's publisher");
        CodecChoice codec = new CodecChoice(96, "opus", 48000, 2, Map.of(), List.of(), -1);
        get(alice.updatePublications(List.of(new PublishedMedia(
                "0", TrackKind.AUDIO, "mic", codec, Map.of(), List.of(0x5151L), Map.of(), List.of()))));

        Participant bob = get(rooms.join(EngineHarness.ACCOUNT, room, "bob", new RecordingListener()));
        ClientPeer subscriber = peer();
        TransportDescription offerSide = get(bob.subscriberTransport(false));
        SubscriberOffer offer = get(bob.subscriberOffer());
        Map<String, Integer> extensions = new HashMap<>();
        offer.sections().forEach(s -> extensions.putAll(s.headerExtensions()));
        subscriber.start(offerSide, port);
        get(bob.subscriberAnswered(
                offer.version(),
                subscriber.fingerprint().algorithm(),
                subscriber.fingerprint().hex(),
                extensions));
        Duration d = timedConnect(subscriber, "bob's subscriber");
        slowest = d.compareTo(slowest) > 0 ? d : slowest;

        // DTLS completion reaches the room's loop asynchronously: send until media comes through.
        byte[] received = null;
        for (int seq = 1; seq < 100 && received == null; seq++) {
            publisher.sendRtp(0x5151, seq, new byte[] {1, 2, 3});
            received = subscriber.awaitRtpWithin(100);
        }
        assertThat(received).as("%s: bob decrypted alice's media", room).isNotNull();
        return slowest;
    }

    /** ICE and DTLS of one peer, given up on after 20 s (bctls' client would wait forever). */
    private static Duration timedConnect(ClientPeer p, String who) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        p.connect();
                        done.complete(null);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                },
                "connect-" + who);
        t.setDaemon(true);
        t.start();
        try {
            done.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail(who + " did not complete ICE and DTLS within 20 s");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private ClientPeer peer() {
        ClientPeer p = new ClientPeer();
        peers.add(p);
        return p;
    }

    private double connecting() {
        return registry.get("quorum.media.transports")
                .tag("state", "connecting")
                .gauge()
                .value();
    }

    private double dtlsPacketsIn() {
        return registry.get("quorum.media.packets")
                .tag("direction", "in")
                .tag("kind", "dtls")
                .counter()
                .count();
    }

    private static <T> T get(CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
