package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.quorum.sfu.transport.TransportConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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

    private LoopbackEngine engine;

    @BeforeEach
    void start() throws Exception {
        // The DTLS workers and handshake limit are the production defaults; the timeouts that end a
        // silent peer (silent-peer 10 s, handshake and consent 30 s) are longer: on a busy machine,
        // setting up the 50 peers may take longer than those, and the first would be abandoned
        // before the other room connects (abandoning them is DtlsHandshakeLimitsTest's subject).
        engine = new LoopbackEngine(config -> config.withThreads(2, TransportConfig.DEFAULT_DTLS_WORKERS, false)
                .withTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(2))
                .withHandshakeLimits(TransportConfig.DEFAULT_MAX_HANDSHAKES, Duration.ofMinutes(2)));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void fiftySilentHandshakesDelayNobodyInAnotherRoom() throws Exception {
        Duration normal = callBetweenTwo("warm-up");

        double dtlsBefore = dtlsPacketsIn();
        for (int i = 0; i < SILENT; i++) {
            engine.startPublisher(engine.join("lobby", "silent-" + i)).connectAndFallSilent();
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
        Participant alice = engine.join(room, "alice");
        ClientPeer publisher = engine.startPublisher(alice);
        Duration slowest = timedConnect(publisher, "alice's publisher");
        engine.publishMicrophone(alice, 0x5151);

        ClientPeer subscriber = engine.startSubscriber(engine.join(room, "bob")).peer();
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

    private double connecting() {
        return engine.registry
                .get("quorum.media.transports")
                .tag("state", "connecting")
                .gauge()
                .value();
    }

    private double dtlsPacketsIn() {
        return engine.registry
                .get("quorum.media.packets")
                .tag("direction", "in")
                .tag("kind", "dtls")
                .counter()
                .count();
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
