package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacketQueueTest {

    private final List<String> seen = new ArrayList<>();
    private final PacketQueue.Handler recorder = new PacketQueue.Handler() {
        @Override
        public void onRtp(ByteBuf packet, long arrivalNanos) {
            seen.add("rtp " + packet.getByte(0) + "@" + arrivalNanos);
            packet.release();
        }

        @Override
        public void onSenderReport(long ssrc, long ntp, long rtp, long arrivalNanos) {
            seen.add("sr " + ssrc + ":" + ntp + "/" + rtp + "@" + arrivalNanos);
        }
    };

    @Test
    void keepsPacketsAndSenderReportsInOneOrder() {
        PacketQueue q = new PacketQueue(8);
        q.offerRtp(packet(1), 10);
        q.offerSenderReport(66, 77, 88, 11);
        q.offerRtp(packet(2), 12);

        assertThat(q.drain(recorder, 100)).isEqualTo(3);
        assertThat(seen).containsExactly("rtp 1@10", "sr 66:77/88@11", "rtp 2@12");
    }

    @Test
    void refusesWhenFullWithoutTakingOwnershipAndAcceptsAgainAfterDrain() {
        PacketQueue q = new PacketQueue(4);
        for (int i = 0; i < 4; i++) {
            assertThat(q.offerRtp(packet(i), i)).isTrue();
        }
        ByteBuf extra = packet(9);
        assertThat(q.offerRtp(extra, 9)).isFalse();
        assertThat(extra.refCnt()).isEqualTo(1);
        extra.release();
        assertThat(q.offerSenderReport(1, 2, 3, 4)).isFalse();

        assertThat(q.drain(recorder, 2)).isEqualTo(2);
        assertThat(q.offerRtp(packet(5), 5)).isTrue();
        q.clear();
        assertThat(q.size()).isZero();
        assertThat(seen).containsExactly("rtp 0@0", "rtp 1@1");
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        assertThat(new PacketQueue(1000).capacity()).isEqualTo(1024);
        assertThat(new PacketQueue(1024).capacity()).isEqualTo(1024);
    }

    @Test
    void concurrentProducersLoseNothingThatWasAccepted() throws InterruptedException {
        PacketQueue q = new PacketQueue(64);
        int perProducer = 20_000;
        AtomicLong accepted = new AtomicLong();
        CountDownLatch done = new CountDownLatch(2);
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    ByteBuf b = Unpooled.buffer(1).writeByte(1);
                    if (q.offerRtp(b, i)) {
                        accepted.incrementAndGet();
                    } else {
                        b.release();
                    }
                }
                done.countDown();
            });
            th.start();
        }
        long[] consumed = new long[1];
        PacketQueue.Handler count = new PacketQueue.Handler() {
            @Override
            public void onRtp(ByteBuf packet, long arrivalNanos) {
                consumed[0]++;
                packet.release();
            }

            @Override
            public void onSenderReport(long ssrc, long ntp, long rtp, long arrivalNanos) {}
        };
        while (done.getCount() > 0) {
            q.drain(count, 16);
        }
        q.drain(count, Integer.MAX_VALUE);
        assertThat(consumed[0]).isEqualTo(accepted.get()).isPositive();
    }

    private static ByteBuf packet(int id) {
        return Unpooled.buffer(4).writeByte(id);
    }
}
