package dev.quorum.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundHandoffTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() throws Exception {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** A packet whose bytes say which reader read it, the how-manieth, and when. */
    private static ByteBuf packet(int reader, int n, long arrival) {
        return Unpooled.buffer(16).writeInt(reader).writeInt(n).writeLong(arrival);
    }

    @Test
    void packetsFromSeveralReadingLoopsArriveWholeInTheirOrderWithTheTimeTheyWereRead() throws Exception {
        int readers = 3;
        int each = 20_000;
        int[] lastSeen = {-1, -1, -1};
        List<String> wrong = new ArrayList<>();
        AtomicInteger delivered = new AtomicInteger();
        InboundHandoff handoff = new InboundHandoff(loop, 256, (p, arrival) -> {
            int reader = p.readInt();
            int n = p.readInt();
            if (p.readLong() != arrival && wrong.size() < 5) {
                wrong.add("reader " + reader + " packet " + n + " carries another packet's arrival " + arrival);
            }
            if (n <= lastSeen[reader] && wrong.size() < 5) {
                wrong.add("reader " + reader + " packet " + n + " after " + lastSeen[reader]);
            }
            lastSeen[reader] = n;
            p.release();
            delivered.incrementAndGet();
        });
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            int reader = r;
            Thread t = new Thread(() -> {
                for (int n = 0; n < each; n++) {
                    long arrival = reader * 1_000_000_000L + n * 1_000L;
                    ByteBuf p = packet(reader, n, arrival);
                    while (!handoff.offer(p, arrival)) {
                        refused.incrementAndGet(); // full: the loop has not caught up yet
                        Thread.onSpinWait();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        loop.submit(() -> {}).sync();
        loop.submit(() -> {}).sync();

        assertThat(wrong).isEmpty();
        assertThat(delivered.get())
                .as("every packet, retried while the ring was full")
                .isEqualTo(readers * each);
        System.out.println("handoff: " + refused.get() + " offers found the ring of 256 full");
    }

    @Test
    void aFullRingRefusesAndClearHandsBackWhatItHolds() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Long> delivered = new ArrayList<>();
        InboundHandoff handoff = new InboundHandoff(loop, 4, (p, arrival) -> {
            delivered.add(arrival);
            p.release();
        });
        List<ByteBuf> sent = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            ByteBuf p = packet(0, n, n);
            sent.add(p);
            assertThat(handoff.offer(p, n)).isTrue();
        }
        ByteBuf fifth = packet(0, 4, 4);
        assertThat(handoff.offer(fifth, 4)).as("the ring holds 4").isFalse();
        assertThat(fifth.refCnt()).as("a refused packet stays the caller's").isEqualTo(1);
        fifth.release();

        List<Long> cleared = new ArrayList<>();
        int n = handoff.clear((p, arrival) -> {
            cleared.add(arrival);
            p.release();
        });
        assertThat(n).isEqualTo(4);
        assertThat(cleared).containsExactly(0L, 1L, 2L, 3L);
        assertThat(sent).allMatch(p -> p.refCnt() == 0);
        assertThat(handoff.offer(packet(0, 5, 5), 5))
                .as("room again after clearing")
                .isTrue();
        busy.countDown();
        loop.submit(() -> {}).sync();
        assertThat(delivered).containsExactly(5L);
    }
}
