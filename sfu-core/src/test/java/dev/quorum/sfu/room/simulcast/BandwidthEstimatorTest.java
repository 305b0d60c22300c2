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

    /** A second of clean feedback: {@code packets} of 1200 bytes every 50 ms, 20 ms of delay. */
    private static long aSecond(BandwidthEstimator e, long now, int packets) {
        for (int i = 0; i < 20; i++) {
            now = feed(e, now, packets, 0, 20 * MS);
        }
        return now;
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
    void twoPercentRandomLossIsNoReasonToCut() {
        BandwidthEstimator e = new BandwidthEstimator(1_000_000, 4_000_000);
        long now = 0;
        // 8 packets per feedback, one lost in every 48 (2.1 %): a single feedback reads 12.5 %.
        for (int i = 0; i < 20 * 10; i++) {
            now = feed(e, now, 8, i % 6 == 0 ? 1 : 0, 20 * MS);
        }
        assertThat(e.estimate()).as("held, not cut").isGreaterThanOrEqualTo(1_000_000);
    }

    @Test
    void risingDelayFallsBackBelowWhatGotThrough() {
        BandwidthEstimator e = new BandwidthEstimator(3_000_000, 4_000_000);
        long now = 0;
        now = aSecond(e, now, 10);
        feed(e, now, 10, 0, 200 * MS);
        // 10 × 1200 B per 50 ms = 1.92 Mbit/s got through; the estimate falls to 85 % of that.
        assertThat(e.estimate()).isBetween(1_500_000L, 1_700_000L);
    }

    @Test
    void aQueueInTheFirstSecondFallsBackToWhatGotThroughNotToAFractionOfIt() {
        BandwidthEstimator e = new BandwidthEstimator(3_000_000, 4_000_000);
        long now = 0;
        for (int i = 0; i < 12; i++) {
            now = feed(e, now, 10, 0, 20 * MS);
        }
        feed(e, now, 10, 0, 200 * MS);
        // 1.92 Mbit/s got through for 650 ms: 85 % of that, not of 650 ms' worth read as a second.
        assertThat(e.estimate()).isBetween(1_400_000L, 1_700_000L);
    }

    @Test
    void withTransportCcItGrowsNoFurtherThanWhatThePathHasCarried() {
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        long now = 0;
        // 2 × 1200 B per 50 ms: 384 kbit/s delivered, a clean path.
        for (int i = 0; i < 20 * 30; i++) {
            now = feed(e, now, 2, 0, 20 * MS);
        }
        assertThat(e.estimate()).as("at most 1.5 × the 384 k delivered").isBetween(500_000L, 600_000L);
    }

    @Test
    void aProbeThatCameThroughLiftsTheEstimateToItsArrivalRate() {
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        long now = 0;
        now = aSecond(e, now, 2);
        e.probeStarted(now);
        // 300 ms at 1200 B per ms sent, arriving as sent: 9.6 Mbit/s, well above the cap of 4 M.
        now = feed(e, now + 50 * MS, 50, 0, 20 * MS);
        e.probeSent(now);
        assertThat(e.probeConcluded()).isBetween(9_000_000L, 10_000_000L);
        assertThat(e.estimate()).isEqualTo(4_000_000);
    }

    @Test
    void aProbeThatQueuedLiftsNothing() {
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        long now = 0;
        now = aSecond(e, now, 2);
        long before = e.estimate();
        e.probeStarted(now);
        now = feed(e, now + 50 * MS, 50, 0, 200 * MS);
        e.probeSent(now);
        assertThat(e.probeCongested()).isTrue();
        assertThat(e.probeConcluded()).isZero();
        assertThat(e.estimate()).isLessThanOrEqualTo(before);
    }

    @Test
    void aProbeThatBeginsToQueueEndsBeforeTheQueueIsLong() {
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        long now = 0;
        now = aSecond(e, now, 2);
        long before = e.estimate();
        e.probeStarted(now);
        now = feed(e, now + 50 * MS, 10, 0, 70 * MS);
        assertThat(e.probeCongested())
                .as("50 ms above the base delay: the probe is narrower than the path, stop it")
                .isTrue();
        assertThat(e.calm(now, 1)).as("but the media did not congest the path").isTrue();
        e.probeSent(now);
        assertThat(e.probeConcluded()).isZero();
        assertThat(e.estimate()).isEqualTo(before);
    }

    @Test
    void aQueueAProbeBuiltLeavesTheMediaWhatThePathDeliversNow() {
        BandwidthEstimator e = new BandwidthEstimator(3_000_000, 4_000_000);
        long now = 0;
        // 1.92 Mbit/s of media delivered for a second...
        now = aSecond(e, now, 10);
        // ...then a probe's padding queues: 10 packets arriving over 60 ms (1.44 Mbit/s after the first) with delay.
        e.probeStarted(now);
        now = queued(e, now, 60);
        assertThat(e.estimate())
                .as("95 % of the 1.44 M arriving: the padding stops, the media need not drain a queue")
                .isBetween(1_300_000L, 1_400_000L);
        e.probeSent(now);
        e.probeConcluded();
        now = queued(e, now, 60);
        assertThat(e.estimate()).as("while the probe's queue drains, the same").isBetween(1_300_000L, 1_400_000L);
        now = feed(e, now, 10, 0, 20 * MS);
        queued(e, now, 60);
        assertThat(e.estimate())
                .as("once it has drained, a queue is the media's own: 85 %")
                .isLessThan(1_250_000L);
    }

    /** 50 ms of feedback: 10 packets of 1200 bytes sent 5 ms apart, arriving over {@code spreadMs}, queued. */
    private static long queued(BandwidthEstimator e, long now, int spreadMs) {
        for (int i = 0; i < 10; i++) {
            long sent = now - 50 * MS + i * 5 * MS;
            e.packet(sent, now - 50 * MS + 100 * MS + i * spreadMs * MS / 9, 1200, true, now);
        }
        e.feedbackDone(now);
        return now + 50 * MS;
    }

    @Test
    void whenThePathNarrowsTheEstimateFallsToWhatArrivesNow() {
        BandwidthEstimator e = new BandwidthEstimator(3_000_000, 4_000_000);
        long now = 0;
        // 2 Mbit/s delivered for a second...
        now = aSecond(e, now, 10);
        // ...then the same sent, but queued: 10 packets arriving over 108 ms (800 kbit/s) with delay.
        queued(e, now, 108);
        assertThat(e.estimate())
                .as("85 % of the 800 k now arriving, not of the 1.9 M of the last second")
                .isBetween(600_000L, 800_000L);
    }

    @Test
    void aRembOnlySubscribersFallingRembIsCongestionAndItsCalmRembIsProven() {
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        long now = 10_000 * MS;
        e.remb(500_000, now);
        assertThat(e.rembOnly()).isTrue();
        assertThat(e.provenOnly(now + 2_000 * MS, 2_000 * MS))
                .as("nothing fallen for 2 s")
                .isTrue();
        e.remb(450_000, now + 2_100 * MS);
        assertThat(e.estimate()).as("still below the REMB").isEqualTo(300_000);
        assertThat(e.calm(now + 2_200 * MS, 2_000 * MS))
                .as("after a REMB that fell, though the estimate did not")
                .isFalse();
        assertThat(e.provenOnly(now + 2_200 * MS, 2_000 * MS)).isFalse();
        assertThat(e.provenOnly(now + 4_100 * MS, 2_000 * MS)).isTrue();
    }

    @Test
    void anEstimateIsProvenOnlyWhileNothingSignalledCongestion() {
        BandwidthEstimator e = new BandwidthEstimator(1_000_000, 4_000_000);
        long now = 10_000 * MS;
        assertThat(e.provenOnly(now, 2_000 * MS))
                .as("no transport-cc: REMB and loss decide")
                .isFalse();
        for (int i = 0; i < 10; i++) {
            long sent = now + i * 10 * MS;
            e.packet(sent, sent + 20 * MS, 1000, true, now + 100 * MS);
        }
        e.feedbackDone(now + 100 * MS);
        assertThat(e.provenOnly(now + 100 * MS, 2_000 * MS)).isTrue();
        e.remb(2_000_000, now + 200 * MS);
        assertThat(e.provenOnly(now + 300 * MS, 2_000 * MS))
                .as("a REMB above the estimate says nothing")
                .isTrue();
        e.remb(500_000, now + 400 * MS);
        assertThat(e.provenOnly(now + 500 * MS, 2_000 * MS))
                .as("a REMB that lowers it is congestion")
                .isFalse();
        e.remb(4_000_000, now + 600 * MS);
        assertThat(e.provenOnly(now + 2_500 * MS, 2_000 * MS))
                .as("until 2 s after it")
                .isTrue();
    }

    @Test
    void rembCapsTheEstimateAndReceiverReportsAloneStillWork() {
        BandwidthEstimator e = new BandwidthEstimator(1_000_000, 4_000_000);
        e.remb(300_000, 0);
        assertThat(e.estimate()).isEqualTo(300_000);
        BandwidthEstimator rr = new BandwidthEstimator(1_000_000, 4_000_000);
        rr.receiverReport(0.3, 0);
        assertThat(rr.estimate()).isEqualTo(850_000);
    }
}
