package dev.quorum.sfu.room.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BandwidthEstimatorTest {

    private static final long MS = 1_000_000;

    /** Feeds 50 ms of feedback: {@code packets} of 1200 bytes, {@code lost} of them lost, one-way delay {@code delay}. */
    private static long feed(BandwidthEstimator e, long now, int packets, int lost, long delay) {
        for (int i = 0; i < packets; i++) {
            long sent = now - 50 * MS + i * MS;
            e.packet(sent, sent + delay, 1200, i >= lost, now);
        }
        e.feedbackDone(now);
        return now + 50 * MS;
    }

    @Test
    void growsWhileThePathIsCleanUpToTheCap() {
        BandwidthEstimator e = new BandwidthEstimator(1_000_000, 4_000_000);
        long now = 0;
        for (int i = 0; i < 20 * 5; i++) {
            now = feed(e, now, 40, 0, 20 * MS);
        }
        assertThat(e.estimate()).as("after 5 s at ~8%%/s").isBetween(1_400_000L, 1_600_000L);
        for (int i = 0; i < 20 * 60; i++) {
            now = feed(e, now, 40, 0, 20 * MS);
        }
        assertThat(e.estimate()).isEqualTo(4_000_000);
    }

    @Test
    void heavyLossCutsTheEstimate() {
        BandwidthEstimator e = new BandwidthEstimator(2_000_000, 4_000_000);
        long now = feed(e, 0, 40, 0, 20 * MS);
        feed(e, now, 40, 12, 20 * MS);
        assertThat(e.estimate()).isLessThan(1_800_000);
    }

    @Test
    void risingDelayFallsBackBelowWhatGotThrough() {
        BandwidthEstimator e = new BandwidthEstimator(3_000_000, 4_000_000);
        long now = 0;
        for (int i = 0; i < 20; i++) {
            now = feed(e, now, 10, 0, 20 * MS);
        }
        feed(e, now, 10, 0, 200 * MS);
        // 10 × 1200 B per 50 ms = 1.92 Mbit/s got through; the estimate falls to 85 % of that.
        assertThat(e.estimate()).isBetween(1_500_000L, 1_700_000L);
    }

    @Test
    void rembCapsTheEstimateAndReceiverReportsAloneStillWork() {
        BandwidthEstimator e = new BandwidthEstimator(1_000_000, 4_000_000);
        e.remb(300_000);
        assertThat(e.estimate()).isEqualTo(300_000);
        BandwidthEstimator rr = new BandwidthEstimator(1_000_000, 4_000_000);
        rr.receiverReport(0.3, 0);
        assertThat(rr.estimate()).isEqualTo(850_000);
    }
}
