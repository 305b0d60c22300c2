package dev.quorum.sfu.room.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.rtp.rtcp.RtcpParser;
import dev.quorum.rtp.rtcp.TransportWideFeedback;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwccRecorderTest {

    private static final long MS = 1_000_000;

    /** Writes the feedback the way the engine sends it and parses it back with the rtp module. */
    private static TransportWideFeedback roundTrip(TwccRecorder r) {
        ByteBuf buf = Unpooled.buffer(r.maxFeedbackLength());
        try {
            r.writeFeedback(1, 2, buf);
            assertThat(buf.readableBytes() % 4).isZero();
            assertThat(buf.readableBytes()).isLessThanOrEqualTo(r.maxFeedbackLength());
            List<RtcpPacket> parsed = RtcpParser.parse(buf).packetOrNull();
            assertThat(parsed).hasSize(1);
            TransportWideFeedback fb = (TransportWideFeedback) parsed.get(0);
            // The same bytes as the rtp module's own builder writes.
            TransportWideFeedback.Builder b = new TransportWideFeedback.Builder(
                    1, 2, r.baseSequence(), r.referenceTime(), r.feedbackPacketCount());
            for (int i = 0; i < r.packetCount(); i++) {
                if (r.received(i)) {
                    b.received(r.delta(i));
                } else {
                    b.lost();
                }
            }
            ByteBuf expected = Unpooled.buffer();
            try {
                b.build().writeTo(expected);
                assertThat(ByteBufUtil.equals(expected, buf))
                        .as("same encoding as the rtp module")
                        .isTrue();
            } finally {
                expected.release();
            }
            return fb;
        } finally {
            buf.release();
        }
    }

    /** Arrival times (µs, on the reference clock) of the received packets, -1 for lost ones. */
    private static List<Long> arrivals(TransportWideFeedback fb) {
        List<Long> out = new ArrayList<>();
        long t = fb.referenceTimeMicros();
        int d = 0;
        for (int status : fb.statuses()) {
            if (status == TransportWideFeedback.NOT_RECEIVED) {
                out.add(-1L);
            } else {
                t += fb.receiveDeltas()[d++] * 250L;
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void feedbackDescribesEveryPacketAndItsArrivalTime() {
        TwccRecorder r = new TwccRecorder();
        long base = 10_000 * MS;
        r.record(65534, base);
        r.record(65535, base + 5 * MS);
        r.record(1, base + 12_250_000);
        r.record(0, base + 12 * MS);
        r.record(3, base + 100 * MS);
        assertThat(r.nextFeedback()).isTrue();
        TransportWideFeedback fb = roundTrip(r);

        assertThat(fb.baseSequenceNumber()).isEqualTo(65534);
        assertThat(fb.packetStatusCount()).isEqualTo(6);
        List<Long> at = arrivals(fb);
        long ref = fb.referenceTimeMicros();
        long baseMicros = base / 1000;
        assertThat(at.get(4)).as("lost").isEqualTo(-1L);
        // Relative arrival times survive exactly (all multiples of 250 µs).
        assertThat(at.get(1) - at.get(0)).isEqualTo(5_000);
        assertThat(at.get(2) - at.get(0)).isEqualTo(12_000);
        assertThat(at.get(3) - at.get(0)).isEqualTo(12_250);
        assertThat(at.get(5) - at.get(0)).isEqualTo(100_000);
        assertThat(ref % 64_000).isZero();
        assertThat(at.get(0)).as("first arrival = reference time + its delta").isEqualTo(baseMicros);
        assertThat(r.hasPending()).isFalse();
    }

    @Test
    void reorderedArrivalsGetNegativeDeltasAndEachFeedbackCoversNewPacketsOnly() {
        TwccRecorder r = new TwccRecorder();
        r.record(100, 1_000 * MS);
        r.record(102, 1_010 * MS);
        r.record(101, 1_011 * MS);
        assertThat(r.nextFeedback()).isTrue();
        TransportWideFeedback first = roundTrip(r);
        assertThat(first.statuses()).contains(TransportWideFeedback.LARGE_DELTA);
        List<Long> at = arrivals(first);
        assertThat(at.get(2) - at.get(1)).isEqualTo(-1_000);

        r.record(101, 1_012 * MS);
        assertThat(r.hasPending()).as("already reported").isFalse();
        r.record(103, 1_020 * MS);
        assertThat(r.nextFeedback()).isTrue();
        TransportWideFeedback second = roundTrip(r);
        assertThat(second.baseSequenceNumber()).isEqualTo(103);
        assertThat(second.feedbackPacketCount()).isEqualTo(first.feedbackPacketCount() + 1);
    }

    @Test
    void aLongRunIsSplitIntoSeveralFeedbacks() {
        TwccRecorder r = new TwccRecorder();
        for (int i = 0; i < 1000; i++) {
            r.record(i, 5_000 * MS + i * MS);
        }
        int covered = 0;
        while (r.nextFeedback()) {
            assertThat(r.baseSequence()).isEqualTo(covered);
            covered += roundTrip(r).packetStatusCount();
        }
        assertThat(covered).isEqualTo(1000);
    }

    @Test
    void aPacketLostRightAfterAFeedbackIsReportedLostInTheNext() {
        TwccRecorder r = new TwccRecorder();
        r.record(10, 1_000 * MS);
        r.record(11, 1_005 * MS);
        assertThat(r.nextFeedback()).isTrue();
        roundTrip(r);
        // 12 never arrives.
        r.record(13, 1_015 * MS);
        assertThat(r.nextFeedback()).isTrue();
        TransportWideFeedback next = roundTrip(r);
        assertThat(next.baseSequenceNumber()).isEqualTo(12);
        assertThat(next.statuses()).hasSize(2);
        assertThat(next.statuses()[0]).isEqualTo(TransportWideFeedback.NOT_RECEIVED);
        assertThat(arrivals(next).get(1)).isEqualTo(1_015_000);
    }

    @Test
    void aVeryLongGapAfterAFeedbackIsCutSoTheFeedbackFits() {
        TwccRecorder r = new TwccRecorder();
        r.record(0, 1_000 * MS);
        assertThat(r.nextFeedback()).isTrue();
        r.record(3000, 2_000 * MS);
        assertThat(r.nextFeedback()).isTrue();
        TransportWideFeedback next = roundTrip(r);
        assertThat(next.packetStatusCount()).isEqualTo(TwccRecorder.MAX_PACKETS / 2 + 1);
        assertThat(next.baseSequenceNumber()).isEqualTo(3000 - TwccRecorder.MAX_PACKETS / 2);
    }
}
