package dev.quorum.sfu.room.simulcast;

import java.util.concurrent.TimeUnit;

/**
 * Estimates how many bits per second a subscriber's downlink takes, from its transport-cc
 * feedback (delay and loss of the packets we sent), or — when it sends no transport-cc — from
 * receiver-report loss and REMB. Deliberately simple, after the two halves of Google congestion
 * control: a delay controller (a one-way delay rising above its recent minimum means queues
 * build up: fall back below the rate that actually got through, or below the rate the packets
 * now arrive at when the path just narrowed), a loss controller (more than
 * 10 % loss cuts in proportion, less than 2 % allows growth), and multiplicative growth of 8 % per
 * second while neither objects — but, with transport-cc, never beyond {@link #PROVEN_HEADROOM}
 * times what the path delivered in the last second: an estimate above what was ever sent proves
 * nothing. Above that only a probe lifts it ({@link ProbeController}): a short burst at the rate
 * an upgrade needs, whose delivery rate, if it came through without queuing or loss, becomes the
 * estimate. Pure state; the caller passes the time.
 */
public final class BandwidthEstimator {

    static final long MIN_BITRATE = 100_000;
    static final double GROWTH_PER_SECOND = 0.08;
    static final long OVERUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(80);
    static final long NORMAL_NANOS = TimeUnit.MILLISECONDS.toNanos(30);
    /** Queuing that ends a probe still sending: well below {@link #OVERUSE_NANOS}, above jitter. */
    static final long PROBE_QUEUE_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

    private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long BASE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_STEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final double PROVEN_HEADROOM = 1.5;
    /** The share of what gets through that the estimate keeps when a queue builds. */
    static final double QUEUE_KEEP = 0.85;
    /** The same when the queue is a probe's: the share a probe that came through is trusted with. */
    static final double PROBE_QUEUE_KEEP = 0.95;
    /** A probe is judged by at least this many packets. */
    static final int PROBE_MIN_PACKETS = 5;
    /**
     * Loss is judged over at least this many packets: one feedback covers a few, where one random
     * loss in ten would read as 10 % and cut the estimate of a path that loses 2 %.
     */
    static final int LOSS_WINDOW_PACKETS = 40;

    /** A feedback's arrival rate is trusted when its packets arrived over at least this long. */
    private static final long BATCH_MIN_SPAN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final long maxBitrate;
    private double estimate;
    private long lastUpdateNanos = Long.MIN_VALUE;
    private long holdUntilNanos = Long.MIN_VALUE;
    private long remb = Long.MAX_VALUE;

    // Minimum one-way delay over two alternating windows (a cheap sliding minimum).
    private long baseCurrent = Long.MAX_VALUE;
    private long basePrevious = Long.MAX_VALUE;
    private long baseWindowStart = Long.MIN_VALUE;

    // The feedback being read (its received packets are counted in batch).
    private int lost;
    private int windowReceived;
    private int windowLost;
    /** The loss of the last complete window. */
    private double lastLoss;

    private long delaySum;
    private final BitrateMeter delivered = new BitrateMeter();
    /** What was delivered of the packets sent outside probes: the rate the estimate may grow above. */
    private final BitrateMeter proven = new BitrateMeter();
    /** The received packets of the feedback being read, and the rate they arrived at. */
    private final ArrivalRate batch = new ArrivalRate();

    private boolean transportCc;
    private long lastCongestionNanos = Long.MIN_VALUE;

    // The probe being measured: what was sent from probeFrom to probeUntil.
    private long probeFromNanos = Long.MAX_VALUE;
    private long probeUntilNanos = Long.MAX_VALUE;
    private final ArrivalRate probe = new ArrivalRate();
    private int probeLost;
    private boolean probeCongested;
    /** The queue the last probe built may not have drained yet. */
    private boolean probeQueue;

    public BandwidthEstimator(long initialBitrate, long maxBitrate) {
        this.maxBitrate = maxBitrate;
        this.estimate = Math.min(maxBitrate, Math.max(MIN_BITRATE, initialBitrate));
    }

    /**
     * One packet of a transport-cc feedback.
     *
     * @param sentNanos    when we sent it (our clock)
     * @param arrivalNanos when it arrived, on the subscriber's clock (any origin); ignored if lost
     */
    public void packet(long sentNanos, long arrivalNanos, int size, boolean wasReceived, long nowNanos) {
        transportCc = true;
        boolean probed = sentNanos >= probeFromNanos && sentNanos <= probeUntilNanos;
        if (!wasReceived) {
            lost++;
            if (probed) {
                probeLost++;
            }
            return;
        }
        if (probed) {
            probe.add(arrivalNanos, size);
        } else {
            proven.add(size, nowNanos);
        }
        delivered.add(size, nowNanos);
        batch.add(arrivalNanos, size);
        long delay = arrivalNanos - sentNanos;
        if (baseWindowStart == Long.MIN_VALUE || nowNanos - baseWindowStart >= BASE_WINDOW_NANOS) {
            basePrevious = baseCurrent;
            baseCurrent = Long.MAX_VALUE;
            baseWindowStart = nowNanos;
        }
        baseCurrent = Math.min(baseCurrent, delay);
        delaySum += delay - base();
    }

    private long base() {
        return Math.min(baseCurrent, basePrevious);
    }

    /** The feedback has been read: update the estimate from its loss and delay. */
    public void feedbackDone(long nowNanos) {
        int received = batch.packets();
        int total = received + lost;
        if (total > 0) {
            windowReceived += received;
            windowLost += lost;
            double loss = -1;
            if (windowReceived + windowLost >= LOSS_WINDOW_PACKETS) {
                loss = (double) windowLost / (windowReceived + windowLost);
                windowReceived = 0;
                windowLost = 0;
            }
            long queuing = received == 0 ? 0 : delaySum / received;
            update(loss, queuing, batch.bitrate(3, BATCH_MIN_SPAN_NANOS), nowNanos);
        }
        lost = 0;
        delaySum = 0;
        batch.reset();
    }

    /** A receiver report's fraction lost (0..1), for subscribers without transport-cc. */
    public void receiverReport(double fractionLost, long nowNanos) {
        update(fractionLost, 0, 0, nowNanos);
    }

    /**
     * The subscriber's own estimate (REMB): a cap on ours. One that lowers the estimate is a sign
     * of congestion like a queue or loss we saw ourselves; so is one that falls when REMB is all
     * the subscriber reports (its browser lowers it only when the delay of what arrives rises).
     */
    public void remb(long bitrate, long nowNanos) {
        long before = estimate();
        long previous = remb;
        remb = Math.max(MIN_BITRATE, bitrate);
        if (estimate() < before || !transportCc && previous != Long.MAX_VALUE && remb < previous) {
            congested(nowNanos);
        }
    }

    /**
     * @param loss the fraction lost of a complete loss window, or -1 if the window is not complete
     * @param arrivalRate the rate the feedback's packets arrived at, or 0 if unknown
     */
    private void update(double loss, long queuingNanos, long arrivalRate, long nowNanos) {
        if (probeQueue && probeFromNanos == Long.MAX_VALUE && queuingNanos < OVERUSE_NANOS) {
            probeQueue = false;
        }
        if (probeFromNanos != Long.MAX_VALUE && probeUntilNanos == Long.MAX_VALUE && queuingNanos > PROBE_QUEUE_NANOS) {
            // The probe fills a queue: the path is narrower than the probe. Stopped now, its
            // padding leaves a queue the path drains in moments; stopped at the overuse threshold,
            // it may already have overflowed a short queue and cost the media riding with it.
            probeCongested = true;
        }
        double dt = lastUpdateNanos == Long.MIN_VALUE ? 0 : Math.min(MAX_STEP_NANOS, nowNanos - lastUpdateNanos) / 1e9;
        lastUpdateNanos = nowNanos;
        if (loss >= 0) {
            lastLoss = loss;
        }
        if (loss > 0.10) {
            estimate *= 1 - 0.5 * loss;
            congested(nowNanos);
        } else if (queuingNanos > OVERUSE_NANOS) {
            // What got through: over the last second, or — when the queue builds because the path just
            // narrowed — the rate the packets arrive at now, which the last second still overstates.
            // During a probe, and until the queue it left has drained, the queue is the probe's
            // padding, which stops: the media keeps the rate the path delivers now, without the
            // back-off that drains a queue the media built.
            boolean probing = probeFromNanos != Long.MAX_VALUE || probeQueue;
            long through = delivered.bitrate(nowNanos);
            if (arrivalRate > 0 && (through == 0 || arrivalRate < through || probing)) {
                through = arrivalRate;
            }
            double keep = probing ? PROBE_QUEUE_KEEP : QUEUE_KEEP;
            estimate = Math.min(estimate, keep * (through > 0 ? through : estimate));
            congested(nowNanos);
        } else if (lastLoss < 0.02 && queuingNanos < NORMAL_NANOS && nowNanos >= holdUntilNanos) {
            if (!transportCc || estimate < PROVEN_HEADROOM * proven.bitrate(nowNanos)) {
                estimate *= 1 + GROWTH_PER_SECOND * dt;
            }
        }
        estimate = Math.max(MIN_BITRATE, Math.min(maxBitrate, estimate));
    }

    private void congested(long nowNanos) {
        holdUntilNanos = nowNanos + HOLD_NANOS;
        lastCongestionNanos = nowNanos;
        if (probeFromNanos != Long.MAX_VALUE) {
            probeCongested = true;
        }
    }

    /** True if the path showed no queuing or heavy loss for {@code quietNanos}. */
    public boolean calm(long nowNanos, long quietNanos) {
        return lastCongestionNanos == Long.MIN_VALUE || nowNanos - lastCongestionNanos >= quietNanos;
    }

    /**
     * True if the estimate bounds only what the path has been shown to carry, and neither queuing,
     * heavy loss nor a lower REMB for {@code quietNanos}: the subscriber sends transport-cc, or
     * only REMB — its browser's estimate, which grows with what arrives (by at most half of it
     * again) and falls when its delay rises. Such an estimate is no reason to send less than now.
     */
    public boolean provenOnly(long nowNanos, long quietNanos) {
        return (transportCc && remb >= estimate || rembOnly()) && calm(nowNanos, quietNanos);
    }

    /** Whether this subscriber sends transport-cc feedback, the only feedback a probe can be judged by. */
    public boolean transportCc() {
        return transportCc;
    }

    /** Whether this subscriber's only feedback on the rate is its REMB (no transport-cc). */
    public boolean rembOnly() {
        return !transportCc && remb != Long.MAX_VALUE;
    }

    /** A probe starts now: what is sent from now on is measured. */
    public void probeStarted(long nowNanos) {
        probeFromNanos = nowNanos;
        probeUntilNanos = Long.MAX_VALUE;
        probeQueue = true;
        probe.reset();
        probeLost = 0;
        probeCongested = false;
    }

    /** The probe's sending ended now; feedback about it may still come. */
    public void probeSent(long nowNanos) {
        probeUntilNanos = nowNanos;
    }

    /** True if the feedback during the probe showed queuing or heavy loss. */
    public boolean probeCongested() {
        return probeCongested;
    }

    /**
     * Ends the probe: if the path carried it without queuing and with at most 5 % loss, the rate at
     * which it arrived (a lower bound of the path's capacity) lifts the estimate.
     *
     * @return that arrival rate in bit/s, or 0 if the probe did not come through cleanly
     */
    public long probeConcluded() {
        long rate = 0;
        int total = probe.packets() + probeLost;
        if (!probeCongested && probeLost * 20 <= total) {
            rate = probe.bitrate(PROBE_MIN_PACKETS, 1);
            estimate = Math.max(estimate, Math.min(maxBitrate, PROBE_QUEUE_KEEP * rate));
        }
        probeFromNanos = Long.MAX_VALUE;
        probeUntilNanos = Long.MAX_VALUE;
        return rate;
    }

    /** Current estimate in bit/s (never above the subscriber's REMB). */
    public long estimate() {
        return (long) Math.min(estimate, remb);
    }
}
