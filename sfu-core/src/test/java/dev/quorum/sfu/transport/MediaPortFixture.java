package dev.quorum.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A media port on loopback with a clock the test can move forward, and helpers to connect test
 * peers to it and check that media flows both ways.
 */
class MediaPortFixture implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final Duration CONSENT = Duration.ofSeconds(30);
    static final Duration HANDSHAKE = Duration.ofSeconds(10);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AtomicLong clockOffset = new AtomicLong();
    final MediaPort port;
    final List<TestPeer> peers = new ArrayList<>();
    private final Random random = new Random(42);

    MediaPortFixture(boolean nativeTransport) throws Exception {
        this(nativeTransport, UnaryOperator.identity());
    }

    /** With {@code adjust} applied to the fixture's settings. */
    MediaPortFixture(boolean nativeTransport, UnaryOperator<TransportConfig> adjust) throws Exception {
        TransportConfig config = adjust.apply(TransportConfig.defaults()
                .withPort(0)
                .withAddresses(LOOPBACK, List.of(LOOPBACK))
                .withTimeouts(CONSENT, HANDSHAKE)
                .withThreads(2, 2, nativeTransport));
        port = new MediaPort(config, registry, () -> System.nanoTime() + clockOffset.get());
        port.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Moves the port's clock forward, as if that much time had passed. */
    void advance(Duration d) {
        clockOffset.addAndGet(d.toNanos());
    }

    /** A transport for a new peer, and the peer started against its answer (not yet connected). */
    Connection open(boolean tcp) throws IOException {
        TestPeer peer = new TestPeer(tcp);
        peers.add(peer);
        EchoListener listener = new EchoListener();
        Transport t = port.createTransport(peer.fingerprint(), listener);
        listener.transport = t;
        peer.start(t.description());
        return new Connection(t, listener, peer);
    }

    record Connection(Transport transport, EchoListener listener, TestPeer peer) {}

    byte[] payload(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** One RTP and one RTCP packet each way: peer → server (decrypted there) → echoed → peer. */
    void exchange(Connection c, int ssrc, int seq) throws Exception {
        byte[] plain = c.peer().sendRtp(ssrc, seq, payload(1188));
        assertThat(c.listener().rtp.poll(5, TimeUnit.SECONDS))
                .as(() -> "RTP decrypted by the server; " + nonZeroMeters())
                .isEqualTo(plain);
        assertThat(c.peer().awaitRtp())
                .as("RTP protected by the server, decrypted by the peer")
                .isEqualTo(plain);
        byte[] report = c.peer().sendRtcp(ssrc);
        assertThat(c.listener().rtcp.poll(5, TimeUnit.SECONDS))
                .as("RTCP decrypted by the server")
                .isEqualTo(report);
        assertThat(c.peer().awaitRtcp()).as("RTCP protected by the server").isEqualTo(report);
        assertThat(c.listener().wrongThread).isEmpty();
    }

    /** Every non-zero counter and gauge, for failure messages. */
    String nonZeroMeters() {
        StringBuilder b = new StringBuilder();
        registry.getMeters()
                .forEach(m -> m.measure().forEach(ms -> {
                    if (ms.getValue() != 0 && !m.getId().getName().contains("handshake")) {
                        b.append(m.getId().getName())
                                .append(m.getId().getTags())
                                .append('=')
                                .append(ms.getValue())
                                .append(' ');
                    }
                }));
        return b.toString();
    }

    /** Drops for {@code reason}, over every stage of the transport that drops for it. */
    double drops(DropReason reason) {
        return registry
                .find("quorum.packets.dropped")
                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Drops for {@code reason} in one stage ({@code port_in}, {@code transport_in}, {@code transport_out}, {@code dtls}). */
    double drops(String stage, DropReason reason) {
        return counter(
                "quorum.packets.dropped",
                "stage",
                stage,
                "reason",
                reason.name().toLowerCase(Locale.ROOT));
    }

    /** Packets into ({@code in}) or out of ({@code out}) one stage. */
    double packets(String stage, String direction) {
        return counter("quorum.packets", "stage", stage, "direction", direction);
    }

    double closedFor(CloseReason reason) {
        return counter("quorum.media.transports.closed", "reason", reason.name().toLowerCase(Locale.ROOT));
    }

    double counter(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    /** Waits (up to 5 s) for something the port does asynchronously. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    @Override
    public void close() throws IOException {
        for (TestPeer p : peers) {
            p.close();
        }
        port.close();
    }
}
