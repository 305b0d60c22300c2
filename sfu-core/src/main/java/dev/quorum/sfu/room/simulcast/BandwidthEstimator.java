package dev.quorum.sfu.room.simulcast;

import java.util.concurrent.TimeUnit;

/**
 * Estimates how many bits per second a subscriber's downlink takes, from its transport-cc
 * feedback (delay and loss of the packets we sent), or — when it sends no transport-cc — from
 * receiver-report loss and REMB. Deliberately simple, after the two halves of Google congestion
 * control: a delay controller (a one-way delay rising above its recent minimum means queues
 * build up: fall back below the rate that actually got through), a loss controller (more than
 * 10 % loss cuts in proportion, less than 2 % allows growth), and multiplicative growth of 8 % per
 * second while neither objects. Forwarding a higher layer is the probe: if the path cannot carry
 * it, delay or loss bring the estimate (and the layer) down again. Pure state; the caller passes
 * the time.
 */
public final class BandwidthEstimator {

    static final long MIN_BITRATE = 100_000;
    static final double GROWTH_PER_SECOND = 0.08;
    static final long OVERUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(80);
    static final long NORMAL_NANOS = TimeUnit.MILLISECONDS.toNanos(30);
    private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long BASE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_STEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long maxBitrate;
    private double estimate;
    private long lastUpdateNanos = Long.MIN_VALUE;
    private long holdUntilNanos = Long.MIN_VALUE;
    private long remb = Long.MAX_VALUE;

    // Minimum one-way delay over two alternating windows (a cheap sliding minimum).
    private long baseCurrent = Long.MAX_VALUE;
    private long basePrevious = Long.MAX_VALUE;
    private long baseWindowStart = Long.MIN_VALUE;

    // The feedback being read.
    private int received;
    private int lost;
    private long delaySum;
    private final BitrateMeter delivered = new BitrateMeter();

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
        if (!wasReceived) {
            lost++;
            return;
        }
        received++;
        delivered.add(size, nowNanos);
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
        int total = received + lost;
        if (total > 0) {
            double loss = (double) lost / total;
            long queuing = received == 0 ? 0 : delaySum / received;
            update(loss, queuing, nowNanos);
        }
        received = 0;
        lost = 0;
        delaySum = 0;
    }

    /** A receiver report's fraction lost (0..1), for subscribers without transport-cc. */
    public void receiverReport(double fractionLost, long nowNanos) {
        update(fractionLost, 0, nowNanos);
    }

    /** The subscriber's own estimate (REMB): a cap on ours. */
    public void remb(long bitrate) {
        remb = Math.max(MIN_BITRATE, bitrate);
    }

    private void update(double loss, long queuingNanos, long nowNanos) {
        double dt = lastUpdateNanos == Long.MIN_VALUE ? 0 : Math.min(MAX_STEP_NANOS, nowNanos - lastUpdateNanos) / 1e9;
        lastUpdateNanos = nowNanos;
        if (loss > 0.10) {
            estimate *= 1 - 0.5 * loss;
            holdUntilNanos = nowNanos + HOLD_NANOS;
        } else if (queuingNanos > OVERUSE_NANOS) {
            long through = delivered.bitrate(nowNanos);
            estimate = Math.min(estimate, 0.85 * (through > 0 ? through : estimate));
            holdUntilNanos = nowNanos + HOLD_NANOS;
        } else if (loss < 0.02 && queuingNanos < NORMAL_NANOS && nowNanos >= holdUntilNanos) {
            estimate *= 1 + GROWTH_PER_SECOND * dt;
        }
        estimate = Math.max(MIN_BITRATE, Math.min(maxBitrate, estimate));
    }

    /** Current estimate in bit/s (never above the subscriber's REMB). */
    public long estimate() {
        return (long) Math.min(estimate, remb);
    }
}
