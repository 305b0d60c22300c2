package dev.quorum.sfu.transport;

import static dev.quorum.sfu.transport.MediaPortFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.quorum.sfu.transport.srtp.SrtpProfile;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that replaces its peer connection on the same transport (a client that closed its
 * connection and answered the next offer from a new one, with a new certificate): the server
 * checks the new connection's certificate against the new fingerprint, never against the one
 * from the replaced connection's description, in every order the two can arrive in.
 */
class ReplacedConnectionTest {

    MediaPortFixture f;
    EchoListener listener;
    Transport transport;

    @BeforeEach
    void start() throws Exception {
        f = new MediaPortFixture(false);
        listener = new EchoListener();
        // As for a subscriber connection: the server offers, the fingerprint comes with the answer.
        transport = f.port.createTransport(f.port.eventLoops().next(), listener);
        listener.transport = transport;
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    TestPeer peer() throws Exception {
        TestPeer p = new TestPeer(false);
        f.peers.add(p);
        return p.start(transport.description());
    }

    @Test
    void aNewConnectionAnsweringAfterTheFirstOneAnsweredIsCheckedAgainstItsOwnFingerprint() throws Exception {
        TestPeer first = peer();
        transport.setRemoteFingerprint(first.fingerprint());
        first.close(); // closed before it started DTLS

        TestPeer second = peer();
        transport.setRemoteFingerprint(second.fingerprint());
        connectWithin(second);

        assertConnectedTo(second);
    }

    @Test
    void aNewConnectionIsServedWhileTheReplacedOnesHandshakeIsInProgress() throws Exception {
        TestPeer first = peer();
        transport.setRemoteFingerprint(first.fingerprint());
        first.connectAndFallSilent();
        await("the first connection's handshake under way", () -> f.gauge("quorum.media.dtls.handshakes") == 1);
        first.close();

        TestPeer second = peer();
        transport.setRemoteFingerprint(second.fingerprint());
        connectWithin(second);

        assertConnectedTo(second);
    }

    @Test
    void aConnectionReplacedAfterItConnectedGetsANewAssociationAndMediaGoesToTheNewOne() throws Exception {
        TestPeer first = peer();
        transport.setRemoteFingerprint(first.fingerprint());
        connectWithin(first);
        listener.connected.get(5, TimeUnit.SECONDS);
        f.exchange(new MediaPortFixture.Connection(transport, listener, first), 0x1111, 1);

        TestPeer second = peer();
        transport.setRemoteFingerprint(second.fingerprint());
        connectWithin(second);

        assertConnectedTo(second);
        assertThat(transport.state()).isEqualTo(TransportState.CONNECTED);
        assertThat(f.registry.get("quorum.media.dtls.handshake").timer().count())
                .as("the transport connected once; the new association only changed its keys")
                .isEqualTo(1);
    }

    @Test
    void aHandshakeWaitingForTheFingerprintThatGetsAnotherConnectionsGivesWayToThatConnection() throws Exception {
        // The first connection's answer never reached us; its handshake reached its certificate
        // and waits for a fingerprint. The answer that comes is the second connection's.
        TestPeer first = peer();
        Thread firstHandshake = new Thread(
                () -> {
                    try {
                        first.connect(SrtpProfile.values());
                    } catch (Exception expected) {
                        // it is interrupted at the end of the test, or refused
                    }
                },
                "first-connection-dtls");
        firstHandshake.setDaemon(true);
        firstHandshake.start();
        try {
            await(
                    "the server waiting for the fingerprint of the first connection's certificate",
                    ReplacedConnectionTest::aHandshakeWaitsForTheFingerprint);
            first.close();

            TestPeer second = peer();
            transport.setRemoteFingerprint(second.fingerprint());
            connectWithin(second);

            assertConnectedTo(second);
        } finally {
            firstHandshake.interrupt();
        }
    }

    private void assertConnectedTo(TestPeer peer) throws Exception {
        listener.connected.get(5, TimeUnit.SECONDS);
        assertThat(listener.closed).as("the transport stays open").isNotDone();
        assertThat(f.closedFor(CloseReason.DTLS_FAILED)).isZero();
        // The peer's media reaches the server and comes back protected with the new keys.
        f.exchange(new MediaPortFixture.Connection(transport, listener, peer), 0x2222, 7);
    }

    private static void connectWithin(TestPeer peer) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        peer.connect(SrtpProfile.values());
                        done.complete(null);
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                },
                "peer-dtls");
        t.setDaemon(true);
        t.start();
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            fail("the peer did not complete ICE and DTLS within 10 s");
        }
    }

    /** A DTLS handshake thread of the port is parked in the fingerprint check. */
    private static boolean aHandshakeWaitsForTheFingerprint() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("media-dtls-handshake"))
                .filter(e -> e.getKey().getState() == Thread.State.TIMED_WAITING)
                .anyMatch(e -> Arrays.stream(e.getValue())
                        .anyMatch(frame -> frame.getMethodName().equals("notifyClientCertificate")));
    }
}
