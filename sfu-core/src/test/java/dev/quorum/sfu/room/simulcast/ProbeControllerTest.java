package dev.quorum.sfu.room.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The probe controller against a real estimator fed with the transport-cc feedback of a path of a
 * given capacity: what was sent in each 20 ms tick arrives at that capacity, queuing beyond it.
 */
class ProbeControllerTest {

    private static final long MS = 1_000_000;
    private static final int PACKET = 1000;

    /** A path of {@code capacity} bit/s behind which packets queue (no loss). */
    static final class Path {
        final long capacity;
        long busyUntil;

        Path(long capacity) {
            this.capacity = capacity;
        }

        /** Arrival time of a packet sent at {@code sent}. */
        long arrival(long sent) {
            long start = Math.max(sent, busyUntil);
            busyUntil = start + PACKET * 8 * 1_000_000_000L / capacity;
            return busyUntil + 20 * MS;
        }
    }

    /**
     * Runs {@code seconds} of 20 ms ticks sending {@code media} bit/s plus the controller's padding
     * over {@code path}, with feedback every tick; returns the time reached.
     */
    private static long run(
            ProbeController c,
            BandwidthEstimator e,
            Path path,
            long media,
            long shortfallAtTarget,
            long from,
            double seconds) {
        long now = from;
        double owed = 0;
        for (int t = 0; t < seconds * 50; t++) {
            long rate = media + c.paddingBitrate();
            owed += rate * 0.02 / 8;
            int n = 0;
            while (owed >= PACKET) {
                long sent = now + n * MS / 4;
                e.packet(sent, path.arrival(sent), PACKET, true, now + 19 * MS);
                owed -= PACKET;
                n++;
            }
            e.feedbackDone(now + 19 * MS);
            now += 20 * MS;
            long shortfall = Math.max(0, shortfallAtTarget - e.estimate());
            c.tick(e, shortfall, rate, now);
        }
        return now;
    }

    @Test
    void aPathThatCarriesTheUpgradeIsFoundWithinSeconds() {
        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        // 200 k of media over a 5 M path; the next layer needs an estimate of 800 k.
        run(c, e, new Path(5_000_000), 200_000, 800_000, 0, 5);
        assertThat(e.estimate()).isGreaterThanOrEqualTo(800_000);
        assertThat(c.successes()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aProbeAimsAtMostTwiceTheEstimateAndAWidePathIsFoundInSteps() {
        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        // The next layer needs 2 M; a 400 k path must not see a probe of 2.3 M.
        run(c, e, new Path(400_000), 200_000, 2_000_000, 0, 0.1);
        assertThat(c.probes()).isEqualTo(1);
        assertThat(c.target()).isLessThanOrEqualTo(600_000);
        ProbeController wide = new ProbeController();
        BandwidthEstimator we = new BandwidthEstimator(300_000, 4_000_000);
        run(wide, we, new Path(5_000_000), 200_000, 2_000_000, 0, 6);
        assertThat(we.estimate()).as("300 k → 600 k → 1.2 M → 2 M").isGreaterThanOrEqualTo(2_000_000);
    }

    @Test
    void aPathThatCannotIsProbedRarelyAndTheEstimateStaysBelowIt() {
        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        run(c, e, new Path(400_000), 200_000, 800_000, 0, 40);
        assertThat(e.estimate()).as("never allowed the 800 k layer").isLessThan(800_000);
        assertThat(c.successes()).isZero();
        assertThat(c.probes()).as("about one per back-off of at most 4 s").isBetween(5L, 15L);
    }

    @Test
    void congestionRightAfterAnUpgradeRaisesTheBarForTheNextProbe() {
        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(500_000, 4_000_000);
        long now = run(c, e, new Path(5_000_000), 200_000, 800_000, 0, 3);
        assertThat(c.mayGoUp()).isTrue();
        long firstTarget = c.target();
        // The upgraded layer turns out not to fit: the path queues.
        for (int i = 0; i < 10; i++) {
            long sent = now + i * MS;
            e.packet(sent, sent + 300 * MS, 1000, true, now + 20 * MS);
        }
        e.feedbackDone(now + 20 * MS);
        now = run(c, e, new Path(5_000_000), 200_000, 800_000, now + 40 * MS, 10);
        assertThat(c.probes()).isGreaterThan(1);
        assertThat(c.target()).isGreaterThan((long) (firstTarget * 1.2));
    }

    @Test
    void congestionForbidsGoingUpUntilAProbeCameThrough() {
        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        long now = run(c, e, new Path(5_000_000), 200_000, 0, 0, 1);
        assertThat(c.mayGoUp()).isTrue();
        for (int i = 0; i < 10; i++) {
            long sent = now + i * MS;
            e.packet(sent, sent + 300 * MS, 1000, true, now + 20 * MS);
        }
        e.feedbackDone(now + 20 * MS);
        c.tick(e, 0, 200_000, now + 40 * MS);
        assertThat(c.mayGoUp()).isFalse();
        run(c, e, new Path(5_000_000), 200_000, 800_000, now + 60 * MS, 6);
        assertThat(c.mayGoUp()).as("after a probe came through").isTrue();
        ProbeController noRtx = new ProbeController();
        noRtx.tick(e, 100_000, 200_000, false, now);
        assertThat(noRtx.mayGoUp()).as("without RTX nothing can be probed").isTrue();
    }

    @Test
    void withoutAnUpgradeToMakeNothingIsProbed() {
        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        run(c, e, new Path(5_000_000), 200_000, 0, 0, 10);
        assertThat(c.probes()).isZero();
        assertThat(c.paddingBitrate()).isZero();
    }

    /**
     * A browser that reports only REMB, its estimate formed as libwebrtc's receive side forms it:
     * growing 8 % a second while nothing queues, never above 1.5 times what arrives plus 10
     * kbit/s, and falling to 85 % of what arrives once the path queues. Sent every 250 ms, and at
     * once when it falls.
     */
    static final class RembBrowser {
        final long capacity;
        double remb;
        double queueBits;
        final BitrateMeter incoming = new BitrateMeter();
        long lastSentNanos = Long.MIN_VALUE;
        int falls;
        /** What the server sent, and the padding in it. */
        final BitrateMeter sent = new BitrateMeter();

        final BitrateMeter padded = new BitrateMeter();

        RembBrowser(long capacity, long remb) {
            this.capacity = capacity;
            this.remb = remb;
        }

        /** {@code rate} bit/s were sent for the 20 ms around {@code now}; reports to {@code e}. */
        void receive(long rate, long now, BandwidthEstimator e) {
            long arriving = Math.min(rate, capacity);
            queueBits = Math.max(0, queueBits + (rate - capacity) * 0.02);
            incoming.add((int) (arriving * 0.02 / 8), now);
            long through = incoming.bitrate(now);
            boolean fell = false;
            if (queueBits > capacity * 0.03) {
                if (remb > 0.85 * through) {
                    remb = 0.85 * through;
                    fell = true;
                    falls++;
                }
                queueBits = 0; // the sender backs off; the queue drains
            } else {
                remb = Math.max(remb, Math.min(remb * Math.pow(1.08, 0.02), 1.5 * through + 10_000));
            }
            if (fell || lastSentNanos == Long.MIN_VALUE || now - lastSentNanos >= 250 * MS) {
                e.remb((long) remb, now);
                e.receiverReport(0, now);
                lastSentNanos = now;
            }
        }
    }

    /** Runs 20 ms ticks of {@code media} bit/s plus padding to a REMB-only browser; returns the time reached. */
    private static long runRemb(
            ProbeController c,
            BandwidthEstimator e,
            RembBrowser browser,
            long media,
            long wanted,
            boolean canPad,
            long from,
            double seconds) {
        long now = from;
        for (int t = 0; t < seconds * 50; t++) {
            long padding = c.paddingBitrate();
            browser.receive(media + padding, now + 10 * MS, e);
            browser.sent.add((int) ((media + padding) * 0.02 / 8), now);
            browser.padded.add((int) (padding * 0.02 / 8), now);
            now += 20 * MS;
            long shortfall = Math.max(0, wanted - e.estimate());
            c.tick(e, shortfall, browser.sent.bitrate(now), browser.padded.bitrate(now), canPad, now);
        }
        return now;
    }

    @Test
    void aRembOnlySubscriberHeldOnALowLayerIsPaddedUntilItsRembAllowsTheUpgrade() {
        // Back from an outage on the low layer (170 kbit/s with audio), REMB at 279 kbit/s, the
        // top layer needs 1.1 Mbit/s: without padding the browser's estimate cannot pass 265 kbit/s.
        ProbeController unpadded = new ProbeController();
        BandwidthEstimator stuck = new BandwidthEstimator(300_000, 4_000_000);
        RembBrowser before = new RembBrowser(5_000_000, 279_000);
        runRemb(unpadded, stuck, before, 170_000, 1_100_000, false, 0, 30);
        assertThat(stuck.estimate()).as("without padding").isLessThan(300_000);

        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        RembBrowser browser = new RembBrowser(5_000_000, 279_000);
        runRemb(c, e, browser, 170_000, 1_100_000, true, 0, 25);
        assertThat(e.rembOnly()).isTrue();
        assertThat(e.estimate()).as("REMB after 25 s of padding").isGreaterThanOrEqualTo(1_100_000);
        assertThat(c.paddingBitrate()).as("no padding once the upgrade fits").isZero();
        assertThat(c.mayGoUp()).isTrue();
    }

    @Test
    void aRembOnlySubscriberOnANarrowPathIsPaddedRarelyAndStopsWhenItsRembFalls() {
        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(300_000, 4_000_000);
        RembBrowser browser = new RembBrowser(400_000, 279_000);
        long now = 0;
        for (int i = 0; i < 30 * 50; i++) {
            int falls = browser.falls;
            now = runRemb(c, e, browser, 170_000, 1_100_000, true, now, 0.02);
            if (browser.falls > falls) {
                // The REMB that fell ends the ramp at once.
                now = runRemb(c, e, browser, 170_000, 1_100_000, true, now, 0.02);
                assertThat(c.paddingBitrate()).as("padding after the REMB fell").isZero();
                assertThat(c.mayGoUp())
                        .as("going up after the REMB fell, short of the upgrade")
                        .isFalse();
            }
        }
        assertThat(browser.falls).as("falls in 30 s (back-off up to 4 s)").isBetween(1, 8);
        assertThat(e.estimate()).as("the REMB, near the path's 400 k").isBetween(200_000L, 600_000L);
        assertThat(c.mayGoUp()).as("the 1.1 M upgrade allowed").isFalse();
    }

    @Test
    void aRembThatFallsSoonAfterAnUpgradeRaisesTheRoomTheNextOneNeeds() {
        ProbeController c = new ProbeController();
        BandwidthEstimator e = new BandwidthEstimator(4_000_000, 4_000_000);
        long need = 350_000;
        long[] now = {0};
        // One 20 ms tick at a REMB of {@code remb}; the upgrade needs 350 k (1: it fits now).
        java.util.function.LongConsumer tick = remb -> {
            e.remb(remb, now[0] + 10 * MS);
            now[0] += 20 * MS;
            c.tick(e, Math.max(1, need - e.estimate()), 200_000, 0, true, now[0]);
        };
        tick.accept(300_000);
        tick.accept(250_000);
        assertThat(c.mayGoUp()).as("after the REMB fell").isFalse();
        tick.accept(360_000);
        assertThat(c.mayGoUp()).as("the REMB covers the upgrade").isTrue();
        tick.accept(300_000);
        assertThat(c.mayGoUp()).as("fell again, within 5 s of the upgrade").isFalse();
        tick.accept(400_000);
        assertThat(c.mayGoUp()).as("400 k no longer do: 30 % more are needed").isFalse();
        tick.accept(460_000);
        assertThat(c.mayGoUp()).as("at 1.3 times the upgrade").isTrue();
    }
}
