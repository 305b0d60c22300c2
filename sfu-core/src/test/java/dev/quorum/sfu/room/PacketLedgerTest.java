package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.quorum.sfu.transport.IceCredentials;
import io.micrometer.core.instrument.Counter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packet ledger over the real media port and engine (UDP on loopback, ICE, DTLS, SRTP): known
 * numbers of good packets and of bad packets of every kind go in, and every stage's drops come
 * out under exactly the expected reasons, nothing twice and nothing uncounted, with
 * {@code in = out + dropped} in every stage.
 */
@Tag("slow")
class PacketLedgerTest {

    private static final int MIC = 0x5151;

    private LoopbackEngine engine;
    private DatagramSocket stranger;

    @BeforeEach
    void start() throws Exception {
        engine = new LoopbackEngine();
        stranger = new DatagramSocket(new InetSocketAddress(LoopbackEngine.LOOPBACK, 0));
    }

    @AfterEach
    void stop() {
        stranger.close();
        engine.close();
    }

    @Test
    void everyPacketIsCountedOnceUnderItsStageAndReason() throws Exception {
        // Alice publishes a microphone; Bob receives it; Carol joined (so she is subscribed) but
        // never answers the offer, so her subscription is not active.
        Participant alice = join("alice");
        ClientPeer publisher = engine.startPublisher(alice);
        publisher.connect();
        engine.publishMicrophone(alice, MIC);
        ClientPeer bob = engine.startSubscriber(join("bob")).peer();
        bob.connect();
        join("carol");

        int seq = 1000;
        byte[] first = null;
        for (int attempt = 0; attempt < 50 && first == null; attempt++) {
            publisher.sendRtp(MIC, seq++, new byte[] {1, 2, 3});
            first = bob.awaitRtpWithin(100);
        }
        assertThat(first).as("media reached Bob").isNotNull();
        while (bob.awaitRtpWithin(200) != null) {
            // The warm-up's packets.
        }
        awaitBalanced();
        Map<String, Double> before = ledger();

        // port_in: dropped before any transport, from an address no ICE check came from.
        for (int i = 0; i < 3; i++) {
            fromStranger(new byte[] {5, 1, 2, 3, 4, 5, 6, 7});
        }
        byte[] check = publisher.bindingRequest(IceCredentials.random());
        fromStranger(Arrays.copyOf(check, 30));
        fromStranger(Arrays.copyOf(check, 12));
        fromStranger(check);
        fromStranger(publisher.bindingRequest(IceCredentials.random()));
        fromStranger(publisher.protectRtp(MIC, 5000, new byte[] {9, 9}));
        fromStranger(publisher.protectRtp(MIC, 5001, new byte[] {9, 9}));

        // transport_in: from the publisher's validated address, failing DTLS or SRTP.
        byte[] tampered = publisher.protectRtp(MIC, seq++, new byte[] {1, 2, 3, 4});
        tampered[tampered.length - 1] ^= 0x55;
        publisher.sendRaw(tampered);
        publisher.sendRaw(tampered.clone());
        byte[] once = publisher.protectRtp(MIC, seq++, new byte[] {7, 7, 7});
        publisher.sendRaw(once); // good: forwarded
        publisher.sendRaw(once); // replayed
        publisher.sendRaw(new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0, 50, 1, 2, 3});
        publisher.sendRaw(new byte[] {22, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1});
        publisher.check(); // accepted, and answered

        // room_in: decrypted fine, refused by the engine.
        publisher.sendRtp(96, 0x9999, 1, new byte[] {1});
        publisher.sendRtp(96, 0x9999, 2, new byte[] {1});
        publisher.sendRtp(100, MIC, seq++, new byte[] {1});
        publisher.sendRtp(100, MIC, seq++, new byte[] {1});
        publisher.sendRtp(96, MIC, seq++, new byte[0]);
        publisher.sendRtp(96, MIC, seq++, new byte[0]);
        bob.sendRtp(96, 0x4242, 1, new byte[] {1});

        // Good packets: media forwarded to Bob, RTCP from both sides read.
        int good = 20;
        for (int i = 0; i < good; i++) {
            publisher.sendRtp(MIC, seq++, new byte[] {(byte) i, 42});
        }
        publisher.sendRtcp(MIC);
        publisher.sendRtcp(MIC);
        bob.sendRtcp(0x4242);
        bob.sendRtcp(0x4242);

        int forwarded = good + 1; // and the first copy of the replayed one
        for (int i = 0; i < forwarded; i++) {
            assertThat(bob.awaitRtp()).as("packet %d at Bob", i).isNotNull();
        }
        // Everything from validated addresses or with a known ufrag reaches a transport: wait for
        // the last of it to be read, then for every stage to have let it through.
        double toTransports = 2 + 2 + 2 + 1 + 7 + good + 4;
        awaitDelta(before, "transport_in in", toTransports);
        awaitBalanced();
        Map<String, Double> delta = minus(ledger(), before);

        Map<String, Double> drops = new TreeMap<>();
        delta.forEach((k, v) -> {
            if (k.startsWith("dropped ") && v != 0) {
                drops.put(k.substring("dropped ".length()), v);
            }
        });
        assertThat(drops)
                .as("every bad packet under its one stage and reason; nothing else dropped")
                .isEqualTo(new TreeMap<>(Map.ofEntries(
                        Map.entry("port_in/unknown_protocol", 3.0),
                        Map.entry("port_in/stun_malformed", 2.0),
                        Map.entry("port_in/stun_unknown_username", 2.0),
                        Map.entry("port_in/unvalidated_source", 2.0),
                        Map.entry("transport_in/srtp_auth_failed", 2.0),
                        Map.entry("transport_in/srtp_replayed", 1.0),
                        Map.entry("transport_in/dtls_malformed", 2.0),
                        Map.entry("room_in/unknown_ssrc", 2.0),
                        Map.entry("room_in/unknown_payload_type", 2.0),
                        Map.entry("room_in/padding_only", 2.0),
                        Map.entry("room_in/unexpected_rtp", 1.0),
                        Map.entry("subscription/not_active", (double) forwarded))));
        assertThat(delta.get("room_in out")).as("media to the track, RTCP read").isEqualTo(forwarded + 4.0);
        assertThat(delta.get("subscription in"))
                .as("each packet offered to Bob and Carol")
                .isEqualTo(2.0 * forwarded);
        assertThat(delta.get("subscription out")).isEqualTo(forwarded);
        assertThat(delta.get("subscriber_out in")).isEqualTo(forwarded);
        assertThat(delta.get("subscriber_out out")).isEqualTo(forwarded);
        assertThat(delta.get("transport_in in")).isEqualTo(toTransports);
        assertThat(delta.get("port_in in")).isEqualTo(delta.get("transport_in in") + 9);
        assertThat(delta.get("transport_out out"))
                .as("at least the forwarded packets and the check's answer left by the socket")
                .isGreaterThanOrEqualTo(forwarded + 1.0);
    }

    // ---- The ledger ------------------------------------------------------------------------

    /** Every ledger counter: {@code "<stage> in|out"} and {@code "dropped <stage>/<reason>"}. */
    private Map<String, Double> ledger() {
        Map<String, Double> m = new HashMap<>();
        for (Counter c : engine.registry.find("quorum.packets").counters()) {
            m.put(c.getId().getTag("stage") + " " + c.getId().getTag("direction"), c.count());
        }
        for (Counter c : engine.registry.find("quorum.packets.dropped").counters()) {
            m.put("dropped " + c.getId().getTag("stage") + "/" + c.getId().getTag("reason"), c.count());
        }
        return m;
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new HashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    /** The stages whose in differs from out plus drops (packets still in flight, or a leak). */
    private Map<String, Double> unbalanced() {
        Map<String, Double> m = ledger();
        TreeSet<String> stages = new TreeSet<>();
        m.keySet().stream()
                .filter(k -> !k.startsWith("dropped "))
                .forEach(k -> stages.add(k.substring(0, k.indexOf(' '))));
        Map<String, Double> off = new TreeMap<>();
        for (String stage : stages) {
            double dropped = m.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("dropped " + stage + "/"))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
            double diff = m.get(stage + " in") - m.get(stage + " out") - dropped;
            if (diff != 0) {
                off.put(stage, diff);
            }
        }
        return off;
    }

    private void awaitDelta(Map<String, Double> before, String key, double expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ledger().get(key) - before.get(key) < expected) {
            if (System.nanoTime() > deadline) {
                fail(key + " grew by " + (ledger().get(key) - before.get(key)) + ", not " + expected);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void awaitBalanced() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Map<String, Double> off;
        while (!(off = unbalanced()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("in != out + dropped in " + off + "; ledger " + new TreeMap<>(ledger()));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    // ---- Peers -----------------------------------------------------------------------------

    private Participant join(String identity) throws Exception {
        return engine.join("ledger", identity);
    }

    private void fromStranger(byte[] bytes) throws Exception {
        stranger.send(new DatagramPacket(
                bytes, bytes.length, new InetSocketAddress(LoopbackEngine.LOOPBACK, engine.port.port())));
    }
}
