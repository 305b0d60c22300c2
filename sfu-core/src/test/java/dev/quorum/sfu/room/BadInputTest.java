package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.RtpPacketBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Garbage from one client is dropped and counted; the room keeps forwarding for everyone else. */
class BadInputTest {

    private final EngineHarness h = new EngineHarness();
    private final EngineFixture f = new EngineFixture(h);
    private final TestClient client = new TestClient();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private double dropped(String reason) {
        return h.registry
                .get("quorum.packets.dropped")
                .tags("stage", "room_in", "reason", reason)
                .counter()
                .count();
    }

    private static ByteBuf bytes(byte[] b) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(b.length);
        buf.writeBytes(b);
        return buf;
    }

    @Test
    void malformedAndUnknownPacketsAreCountedAndForwardingGoesOn() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        Participant mallory = h.join("r", "mallory", new RecordingListener());
        Participant bob = h.join("r", "bob", new RecordingListener());
        f.publish(alice, TestMedia.audio("0", "mic", 0x2222));
        f.publish(mallory, TestMedia.audio("0", "mic", 0x3333));
        f.subscribe(bob);
        TestClient.Stream a = client.stream(0x2222, TestMedia.OPUS, "0", null, 1, 0, 0);
        FakeLink evil = h.links.publisher(mallory);
        Random random = new Random(42);

        for (int i = 0; i < 200; i++) {
            f.send(alice, a.opus(50));
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            evil.receiveRtp(bytes(junk), 0);
            evil.receiveRtcp(bytes(junk), 0);
            h.links.subscriber(bob).receiveRtcp(bytes(junk), 0);
        }
        // Well-formed RTP that belongs to nothing, or carries a payload type nobody negotiated.
        evil.receiveRtp(
                new RtpPacketBuilder()
                        .payloadType(111)
                        .ssrc(0x9999)
                        .sequenceNumber(1)
                        .payload(new byte[10])
                        .build(PooledByteBufAllocator.DEFAULT),
                0);
        evil.receiveRtp(
                new RtpPacketBuilder()
                        .payloadType(55)
                        .ssrc(0x3333)
                        .sequenceNumber(1)
                        .payload(new byte[10])
                        .build(PooledByteBufAllocator.DEFAULT),
                0);
        h.links
                .subscriber(bob)
                .receiveRtp(
                        new RtpPacketBuilder()
                                .payloadType(111)
                                .ssrc(1)
                                .sequenceNumber(1)
                                .payload(new byte[10])
                                .build(PooledByteBufAllocator.DEFAULT),
                        0);

        assertThat(dropped("malformed_rtp")).isGreaterThan(150);
        assertThat(dropped("malformed_rtcp")).isGreaterThan(300);
        assertThat(dropped("unknown_ssrc"))
                .as("some random bytes happen to parse as RTP")
                .isGreaterThanOrEqualTo(1);
        assertThat(dropped("unknown_payload_type")).isEqualTo(1);
        assertThat(dropped("unexpected_rtp")).isEqualTo(1);
        long fromAlice = Received.rtp(h.links.subscriber(bob).takeRtp(), -1).stream()
                .filter(r -> r.payload().length == 40)
                .count();
        assertThat(fromAlice).isEqualTo(200);
    }
}
