package dev.quorum.rtp.rtcp;

import static dev.quorum.rtp.rtcp.TransportWideFeedback.LARGE_DELTA;
import static dev.quorum.rtp.rtcp.TransportWideFeedback.NOT_RECEIVED;
import static dev.quorum.rtp.rtcp.TransportWideFeedback.SMALL_DELTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportWideFeedbackWriterTest {

    /** Writes from arrays and, for comparison, through the Builder; returns {written, built}. */
    private static byte[][] bothWays(int base, int reference, int count, boolean[] received, int[] deltas, int n) {
        TransportWideFeedback.Builder b =
                new TransportWideFeedback.Builder(0x11223344L, 0x55667788L, base, reference, count);
        for (int i = 0; i < n; i++) {
            if (received[i]) {
                b.received(deltas[i]);
            } else {
                b.lost();
            }
        }
        TransportWideFeedback built = b.build();
        ByteBuf written = Unpooled.buffer(TransportWideFeedbackWriter.maxEncodedLength(n));
        ByteBuf expected = Unpooled.buffer(built.encodedLength());
        try {
            int length = TransportWideFeedbackWriter.write(
                    written, 0x11223344L, 0x55667788L, base, reference, count, received, deltas, n);
            assertThat(length)
                    .isEqualTo(written.readableBytes())
                    .isLessThanOrEqualTo(TransportWideFeedbackWriter.maxEncodedLength(n));
            built.writeTo(expected);
            return new byte[][] {ByteBufUtil.getBytes(written), ByteBufUtil.getBytes(expected)};
        } finally {
            written.release();
            expected.release();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 32767, 32768, 65535})
    void writesWhatTheBuilderWritesAndTheParserReadsBack(int base) {
        boolean[] received = new boolean[30];
        int[] deltas = new int[30];
        for (int i = 0; i < 30; i++) {
            received[i] = i != 21 && i != 23;
            deltas[i] = i < 20 ? 4 : i == 24 ? 300 : i == 25 ? -5 : 1;
        }
        byte[][] both = bothWays(base, 0x123456, 9, received, deltas, 30);
        assertThat(both[0]).isEqualTo(both[1]);

        TransportWideFeedback fb =
                TransportWideFeedback.parse(Unpooled.wrappedBuffer(both[0])).packetOrNull();
        assertThat(fb).isNotNull();
        assertThat(fb.baseSequenceNumber()).isEqualTo(base);
        assertThat(fb.referenceTime()).isEqualTo(0x123456);
        assertThat(fb.feedbackPacketCount()).isEqualTo(9);
        assertThat(fb.packetStatusCount()).isEqualTo(30);
        assertThat(fb.statuses())
                .startsWith(SMALL_DELTA)
                .endsWith(
                        NOT_RECEIVED,
                        SMALL_DELTA,
                        NOT_RECEIVED,
                        LARGE_DELTA,
                        LARGE_DELTA,
                        SMALL_DELTA,
                        SMALL_DELTA,
                        SMALL_DELTA,
                        SMALL_DELTA);
        assertThat(fb.receiveDeltas()).contains(300, -5);
    }

    @Test
    void randomArraysMatchTheBuilderByteForByte() {
        Random random = new Random(7);
        boolean[] received = new boolean[400];
        int[] deltas = new int[400];
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(400);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                received[i] = kind >= 2;
                // A lost packet's delta is never read: fill it with garbage.
                deltas[i] =
                        kind < 2 ? random.nextInt() : kind < 9 ? random.nextInt(256) : random.nextInt(65536) - 32768;
            }
            byte[][] both = bothWays(random.nextInt(65536), random.nextInt(1 << 24), trial & 0xFF, received, deltas, n);
            assertThat(both[0]).as("trial %d", trial).isEqualTo(both[1]);
        }
    }

    @Test
    void onlyTheFirstCountEntriesOfTheArraysAreRead() {
        boolean[] received = {true, true, true, false};
        int[] deltas = {1, 2, 3, 40_000};
        byte[][] both = bothWays(7, 0, 0, received, deltas, 3);
        assertThat(both[0]).isEqualTo(both[1]);
    }

    @Test
    void writingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        boolean[] received = new boolean[400];
        int[] deltas = new int[400];
        for (int i = 0; i < 400; i++) {
            received[i] = i % 9 != 0;
            deltas[i] = i % 50 == 0 ? 1000 : i % 7;
        }
        ByteBuf dst = Unpooled.buffer(TransportWideFeedbackWriter.maxEncodedLength(400));
        try {
            for (int i = 0; i < 20_000; i++) {
                dst.clear();
                TransportWideFeedbackWriter.write(dst, 1, 2, i, i, i, received, deltas, 400);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                dst.clear();
                TransportWideFeedbackWriter.write(dst, 1, 2, i, i, i, received, deltas, 400);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated)
                    .as("bytes allocated by 10,000 feedback packets")
                    .isLessThan(10_000);
        } finally {
            dst.release();
        }
    }

    @Test
    void outOfRangeInputIsACallersBug() {
        ByteBuf dst = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> TransportWideFeedbackWriter.write(
                            dst, 1, 2, 0, 0, 0, new boolean[] {true}, new int[] {40_000}, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(
                            () -> TransportWideFeedbackWriter.write(dst, 1, 2, 0, 0, 0, new boolean[1], new int[1], 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(
                            () -> TransportWideFeedbackWriter.write(dst, 1, 2, 0, 0, 0, new boolean[1], new int[1], 2))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            dst.release();
        }
    }
}
