package dev.quorum.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OutgoingDatagramTest {

    static final InetSocketAddress ALICE = new InetSocketAddress("127.0.0.1", 40_001);
    static final InetSocketAddress BOB = new InetSocketAddress("127.0.0.1", 40_002);

    @Test
    void theChannelSeesThePacketAndAddressOfTheCurrentSend() {
        ByteBuf packet = Unpooled.directBuffer(4).writeInt(7);
        DatagramPacket d = OutgoingDatagram.of(packet, ALICE);
        assertThat(d.content()).isSameAs(packet);
        assertThat(d.recipient()).isEqualTo(ALICE);
        assertThat(d.refCnt()).isEqualTo(1);
        assertThat(ReferenceCountUtil.release(d)).isTrue();
    }

    @Test
    void theChannelsReleaseFreesThePacketAndTheEnvelopeCarriesTheNextOne() throws InterruptedException {
        ByteBuf first = Unpooled.directBuffer(4).writeInt(1);
        DatagramPacket d = OutgoingDatagram.of(first, ALICE);
        assertThat(d.release()).isTrue();
        assertThat(first.refCnt()).isZero();
        assertThat(d.refCnt()).isZero();

        // Netty's pool keeps one in every few new objects, per event-loop thread (its threads keep
        // the pool's thread-locals); once it holds one, every send and release there reuses it.
        Set<DatagramPacket> envelopes = Collections.newSetFromMap(new IdentityHashMap<>());
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread loop = new FastThreadLocalThread(() -> {
            try {
                for (int i = 0; i < 1_100; i++) {
                    ByteBuf packet = Unpooled.directBuffer(4).writeInt(i);
                    InetSocketAddress to = i % 2 == 0 ? ALICE : BOB;
                    DatagramPacket next = OutgoingDatagram.of(packet, to);
                    assertThat(next.content()).isSameAs(packet);
                    assertThat(next.recipient()).isEqualTo(to);
                    if (i >= 100) {
                        envelopes.add(next);
                    }
                    assertThat(next.release()).isTrue();
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        loop.start();
        loop.join();
        assertThat(failed.get()).isNull();
        assertThat(envelopes)
                .as("envelopes used by 1,000 sends after the first 100")
                .hasSize(1);
    }

    @Test
    void aRetainedEnvelopeStaysOutOfThePoolUntilItsLastRelease() {
        ByteBuf packet = Unpooled.directBuffer(4).writeInt(3);
        DatagramPacket d = OutgoingDatagram.of(packet, ALICE).retain();
        assertThat(d.release()).isFalse();
        assertThat(packet.refCnt()).isEqualTo(1);
        DatagramPacket other = OutgoingDatagram.of(Unpooled.directBuffer(4).writeInt(4), BOB);
        assertThat(other).as("still in use, not handed out again").isNotSameAs(d);
        assertThat(d.content()).isSameAs(packet);
        assertThat(d.release()).isTrue();
        other.release();
    }

    @Test
    void aCopyIsAPlainDatagramOfItsOwn() {
        ByteBuf packet = Unpooled.directBuffer(4).writeInt(5);
        DatagramPacket d = OutgoingDatagram.of(packet, ALICE);
        DatagramPacket copy = d.retainedDuplicate();
        assertThat(copy).isNotInstanceOf(OutgoingDatagram.class);
        assertThat(copy.recipient()).isEqualTo(ALICE);
        assertThat(copy.content().getInt(0)).isEqualTo(5);
        copy.release();
        assertThat(d.release()).isTrue();
    }
}
