package dev.quorum.rtp.rtcp;

import static dev.quorum.rtp.rtcp.TransportWideFeedback.LARGE_DELTA;
import static dev.quorum.rtp.rtcp.TransportWideFeedback.NOT_RECEIVED;
import static dev.quorum.rtp.rtcp.TransportWideFeedback.RECEIVED_WITHOUT_DELTA;
import static dev.quorum.rtp.rtcp.TransportWideFeedback.SMALL_DELTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportWideFeedbackTest {

    private static final String HEADER = "8F CD 00 00 | 11 22 33 44 | 55 66 77 88 | 00 00 ";

    /** A packet around a single chunk; {@code count} packets described, deltas all 1 tick. */
    private static TransportWideFeedback parseChunk(String chunk, int count, int deltaBytes) {
        byte[] head =
                Hex.bytes(HEADER + String.format("%02X %02X", count >> 8, count & 0xFF) + " | 00 00 01 00 | " + chunk);
        int length = (head.length + deltaBytes + 3) & ~3;
        byte[] packet = java.util.Arrays.copyOf(head, length);
        for (int i = 0; i < deltaBytes; i++) {
            packet[head.length + i] = 1;
        }
        packet[3] = (byte) (length / 4 - 1);
        ByteBuf buf = Hex.buf(packet);
        try {
            RtcpResult<TransportWideFeedback> result = TransportWideFeedback.parse(buf);
            assertThat(result.errorOrNull()).isNull();
            return result.packetOrNull();
        } finally {
            buf.release();
        }
    }

    @Test
    void draftRunLengthExample1IsARunOf221NotReceived() {
        TransportWideFeedback fb = parseChunk("00 DD", 221, 0);
        assertThat(fb.statuses()).hasSize(221).containsOnly(NOT_RECEIVED);
        assertThat(fb.receiveDeltas()).isEmpty();
    }

    @Test
    void draftRunLengthExample2IsARunOf24ReceivedWithoutDelta() {
        TransportWideFeedback fb = parseChunk("60 18", 24, 0);
        assertThat(fb.statuses()).hasSize(24).containsOnly(RECEIVED_WITHOUT_DELTA);
        assertThat(fb.receiveDeltas()).isEmpty();
    }

    @Test
    void draftStatusVectorExample1HasFourteenOneBitSymbols() {
        TransportWideFeedback fb = parseChunk("9F 1C", 14, 8);
        assertThat(fb.statuses()).containsExactly(0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0);
        assertThat(fb.receiveDeltas()).hasSize(8);
    }

    @Test
    void draftStatusVectorExample2HasSevenTwoBitSymbols() {
        TransportWideFeedback fb = parseChunk("CD 50", 7, 3);
        assertThat(fb.statuses()).containsExactly(0, 3, 1, 1, 1, 0, 0);
        assertThat(fb.receiveDeltas()).containsExactly(1, 1, 1);
    }

    @Test
    void aVectorChunkLongerThanTheCountIsCutAtTheCount() {
        TransportWideFeedback fb = parseChunk("9F 1C", 5, 4);
        assertThat(fb.statuses()).containsExactly(0, 1, 1, 1, 1);
    }

    @Test
    void fieldsOfARunLengthFeedback() {
        ByteBuf buf = Hex.buf(RtcpVectors.TWCC_RUN_LENGTH);
        try {
            TransportWideFeedback fb = TransportWideFeedback.parse(buf).packetOrNull();
            assertThat(fb.baseSequenceNumber()).isEqualTo(5);
            assertThat(fb.packetStatusCount()).isEqualTo(3);
            assertThat(fb.referenceTime()).isEqualTo(42);
            assertThat(fb.referenceTimeMicros()).isEqualTo(42 * 64_000L);
            assertThat(fb.feedbackPacketCount()).isEqualTo(1);
            assertThat(fb.receiveDeltas()).containsExactly(0x10, 0x20, 0x30);
        } finally {
            buf.release();
        }
    }

    @Test
    void builderPicksRunLengthForLongRunsAndVectorsOtherwise() {
        TransportWideFeedback.Builder builder = new TransportWideFeedback.Builder(1, 2, 65530, 0x123456, 9);
        for (int i = 0; i < 20; i++) {
            builder.received(4);
        }
        builder.lost().received(1).lost().received(300).received(-5);
        TransportWideFeedback fb = builder.build();
        assertThat(fb.chunks()).hasSize(2);
        assertThat(fb.chunks()[0]).isEqualTo(0x2000 | 20);
        assertThat(fb.chunks()[1] & 0xC000).isEqualTo(0xC000);
        assertThat(fb.statuses()).endsWith(NOT_RECEIVED, SMALL_DELTA, NOT_RECEIVED, LARGE_DELTA, LARGE_DELTA);
        assertThat(roundTrip(fb).receiveDeltas()).isEqualTo(fb.receiveDeltas());
    }

    @Test
    void randomFeedbackSurvivesWriteAndParse() {
        Random random = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            TransportWideFeedback.Builder builder =
                    new TransportWideFeedback.Builder(7, 8, random.nextInt(65536), random.nextInt(1 << 24), trial);
            int packets = 1 + random.nextInt(300);
            for (int i = 0; i < packets; i++) {
                int kind = random.nextInt(10);
                if (kind < 2) {
                    builder.lost();
                } else if (kind < 9) {
                    builder.received(random.nextInt(256));
                } else {
                    builder.received(random.nextInt(65536) - 32768);
                }
            }
            TransportWideFeedback fb = builder.build();
            TransportWideFeedback back = roundTrip(fb);
            assertThat(back.statuses()).isEqualTo(fb.statuses());
            assertThat(back.receiveDeltas()).isEqualTo(fb.receiveDeltas());
            assertThat(back.chunks()).isEqualTo(fb.chunks());
            assertThat(back.baseSequenceNumber()).isEqualTo(fb.baseSequenceNumber());
            assertThat(back.referenceTime()).isEqualTo(fb.referenceTime());
        }
    }

    @Test
    void aDeltaBeyondSixteenBitsIsRefused() {
        TransportWideFeedback.Builder builder = new TransportWideFeedback.Builder(1, 2, 0, 0, 0);
        assertThatThrownBy(() -> builder.received(40_000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static TransportWideFeedback roundTrip(TransportWideFeedback fb) {
        ByteBuf buf = Hex.alloc().buffer();
        try {
            fb.writeTo(buf);
            assertThat(buf.readableBytes()).isEqualTo(fb.encodedLength()).isEqualTo((buf.readableBytes() + 3) & ~3);
            RtcpResult<TransportWideFeedback> result = TransportWideFeedback.parse(buf);
            assertThat(result.errorOrNull()).isNull();
            return result.packetOrNull();
        } finally {
            buf.release();
        }
    }
}
