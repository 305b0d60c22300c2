package dev.quorum.sfu.room.simulcast;

import java.util.concurrent.TimeUnit;

/**
 * Decides when a subscriber's downlink is probed before a layer goes up, and how much padding
 * the probe adds. A probe is {@link #PROBE_NANOS} of sending at the rate the cheapest upgrade
 * needs (media plus padding), at most {@link #MAX_STEP} times the estimate; the {@link
 * BandwidthEstimator} judges it once its feedback is in ({@link #SETTLE_NANOS}). A probe that
 * came through lifts the estimate, the allocator spends it, and the next probe may follow soon
 * ({@link #AFTER_SUCCESS_NANOS}); one that did not is retried after a back-off that doubles up to
 * {@link #MAX_BACKOFF_NANOS}. The layer itself goes up only after a probe came through, so a link
 * that cannot carry it never sees its keyframe and the losses that would freeze the picture.
 * Probes start only after {@link #CALM_NANOS} without congestion. Pure state; the caller passes
 * the time.
 *
 * <p>Once the path congested, no layer goes up until a probe came through ({@link #mayGoUp}): the
 * estimate left after congestion is what the path carried, and an upgrade costs the new layer's
 * keyframe burst on top of its rate. A subscriber that cannot be probed (no RTX, or neither
 * transport-cc nor REMB) goes up as its estimate allows; one that reports only REMB goes up as its
 * REMB allows, and is padded so that its REMB can grow ({@link #ramp}).
 */
public final class ProbeController {

    static final long PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(400);
    static final long CALM_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final long FIRST_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Short enough that a link that recovered is found within seconds; a failed probe costs little
     * (it is cut short once its feedback shows queuing, well before a queue of ordinary depth fills).
     */
    static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** After a probe that came through, the next may follow this soon (the next layer up). */
    static final long AFTER_SUCCESS_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    /**
     * A probe sends this much above the rate it must prove: the estimator takes 95 % of what
     * arrived, and the upgrade needs all of the target.
     */
    static final double OVERSHOOT = 1.15;
    /**
     * A probe aims at most this many times the estimate. A path far narrower than the layer
     * wanted (400 kbit/s under a 1.5 Mbit/s top layer) would otherwise see a probe several times
     * its rate, whose queue overflows into the media riding with it; a path that carries the probe
     * is probed again at once from the estimate it proved, so a wide one is still found in a few
     * steps.
     */
    static final double MAX_STEP = 2.0;
    /**
     * Congestion this soon after a probe came through means the upgrade it allowed did not fit
     * after all (a probe is short; a layer runs on): the next probe must prove {@link #MARGIN_STEP}
     * times more, up to {@link #MAX_MARGIN}, so the layer does not go up and down forever on a
     * link just too narrow for it. The margin is forgotten after {@link #FORGET_MARGIN_NANOS}
     * without congestion.
     */
    static final long AFTERMATH_NANOS = TimeUnit.SECONDS.toNanos(5);

    static final long FORGET_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    static final double MARGIN_STEP = 1.3;
    static final double MAX_MARGIN = 2.0;

    /**
     * The share of a REMB-only subscriber's estimate that padding fills toward ({@link #ramp}):
     * enough for its browser's estimate to grow (up to 1.35 times itself), short of filling the
     * path it reported.
     */
    static final double RAMP_SHARE = 0.9;

    private static final int IDLE = 0;
    private static final int PROBING = 1;
    private static final int SETTLING = 2;

    private int state = IDLE;
    private long phaseEndsNanos;
    private long nextProbeNanos = Long.MIN_VALUE;
    private long backoffNanos = FIRST_BACKOFF_NANOS;
    private long target;
    private long padding;
    private long probes;
    private long successes;
    private long lastSuccessNanos = Long.MIN_VALUE;
    private double margin = 1.0;
    private boolean mayGoUp = true;
    /** Padding toward a REMB-only subscriber ({@link #ramp}). */
    private boolean ramping;
    /** What the cheapest upgrade of a REMB-only subscriber costs in all, bits per second. */
    private long need;

    private long lastSeenCongestionCheck = Long.MIN_VALUE;

    /**
     * Advances the probe state.
     *
     * @param shortfall how many more bits per second the cheapest upgrade needs ({@link
     *     LayerAllocator#allocate}), or 0
     * @param sending the bits per second sent to the subscriber now, without padding
     */
    public void tick(BandwidthEstimator estimator, long shortfall, long sending, long nowNanos) {
        tick(estimator, shortfall, sending, true, nowNanos);
    }

    /** @param canProbe whether padding can be sent to this subscriber (RTX negotiated, video flowing) */
    public void tick(BandwidthEstimator estimator, long shortfall, long sending, boolean canProbe, long nowNanos) {
        tick(estimator, shortfall, sending, 0, canProbe, nowNanos);
    }

    /**
     * @param padded the part of {@code sending} that was padding, bits per second
     * @param canProbe whether padding can be sent to this subscriber (RTX negotiated, video flowing)
     */
    public void tick(
            BandwidthEstimator estimator, long shortfall, long sending, long padded, boolean canProbe, long nowNanos) {
        if (!canProbe || !estimator.transportCc() && !estimator.rembOnly()) {
            mayGoUp = true;
            ramping = false;
            return;
        }
        boolean congestedSinceLastTick = lastSeenCongestionCheck != Long.MIN_VALUE
                && !estimator.calm(nowNanos, nowNanos - lastSeenCongestionCheck);
        lastSeenCongestionCheck = nowNanos;
        if (!estimator.transportCc()) {
            ramp(estimator, shortfall, Math.max(0, sending - padded), congestedSinceLastTick, nowNanos);
            return;
        }
        if (congestedSinceLastTick) {
            mayGoUp = false;
        }
        switch (state) {
            case PROBING -> {
                if (nowNanos >= phaseEndsNanos || estimator.probeCongested()) {
                    estimator.probeSent(nowNanos);
                    padding = 0;
                    state = SETTLING;
                    phaseEndsNanos = nowNanos + SETTLE_NANOS;
                }
            }
            case SETTLING -> {
                if (nowNanos >= phaseEndsNanos) {
                    long before = estimator.estimate();
                    estimator.probeConcluded();
                    state = IDLE;
                    boolean raised = estimator.estimate() > before;
                    if (raised && estimator.estimate() >= target) {
                        successes++;
                    }
                    if (raised) {
                        // Short of the target (the padding paced a little under it) or not, what
                        // came through is proven: the allocator may spend it, and the next probe
                        // builds on it at once.
                        mayGoUp = true;
                        lastSuccessNanos = nowNanos;
                        backoffNanos = FIRST_BACKOFF_NANOS;
                        nextProbeNanos = nowNanos + AFTER_SUCCESS_NANOS;
                    } else {
                        nextProbeNanos = nowNanos + backoffNanos;
                        backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
                    }
                }
            }
            default -> {
                if (lastSuccessNanos != Long.MIN_VALUE) {
                    long since = nowNanos - lastSuccessNanos;
                    if (!estimator.calm(nowNanos, since)) {
                        margin = Math.min(MAX_MARGIN, margin * MARGIN_STEP);
                        lastSuccessNanos = Long.MIN_VALUE;
                        nextProbeNanos = Math.max(nextProbeNanos, nowNanos + backoffNanos);
                        backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
                    } else if (since >= AFTERMATH_NANOS) {
                        lastSuccessNanos = Long.MIN_VALUE;
                    }
                }
                if (margin > 1.0 && estimator.calm(nowNanos, FORGET_MARGIN_NANOS)) {
                    margin = 1.0;
                }
                if (shortfall > 0
                        && estimator.transportCc()
                        && nowNanos >= nextProbeNanos
                        && estimator.calm(nowNanos, CALM_NANOS)) {
                    target = (long)
                            Math.min((estimator.estimate() + shortfall) * margin, estimator.estimate() * MAX_STEP);
                    padding = Math.max(0, (long) (target * OVERSHOOT) - sending);
                    if (padding > 0) {
                        probes++;
                        estimator.probeStarted(nowNanos);
                        state = PROBING;
                        phaseEndsNanos = nowNanos + PROBE_NANOS;
                    }
                }
            }
        }
    }

    /**
     * Pads toward a subscriber that reports only REMB. Its browser's receive-side estimate never
     * rises much above what arrives (libwebrtc caps it at 1.5 times the incoming rate), so a
     * subscriber held on a low layer would never report room for a higher one, and a transport-cc
     * probe cannot be judged without transport-cc. While an upgrade is wanted and the REMB has not
     * fallen for {@link #CALM_NANOS}, padding fills what is sent up to {@link #RAMP_SHARE} of the
     * estimate: the REMB that follows then grows at the browser's own pace until the upgrade fits.
     * A REMB that falls (the browser saw the padding queue) ends the ramp, which resumes after a
     * back-off that doubles up to {@link #MAX_BACKOFF_NANOS}, and, as a probe's congestion does,
     * keeps layers from going up until the REMB covers the upgrade, times the margin.
     *
     * @param media the bits per second of media sent, padding excluded
     */
    private void ramp(BandwidthEstimator estimator, long shortfall, long media, boolean congested, long nowNanos) {
        long estimate = estimator.estimate();
        if (congested) {
            // As after a probe: no layer goes up until the REMB shows room for it again, and
            // congestion soon after an upgrade raises the room it must show.
            mayGoUp = false;
            if (lastSuccessNanos != Long.MIN_VALUE && nowNanos - lastSuccessNanos < AFTERMATH_NANOS) {
                margin = Math.min(MAX_MARGIN, margin * MARGIN_STEP);
            }
            lastSuccessNanos = Long.MIN_VALUE;
            if (ramping) {
                nextProbeNanos = nowNanos + backoffNanos;
                backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
            }
            ramping = false;
        }
        if (margin > 1.0 && estimator.calm(nowNanos, FORGET_MARGIN_NANOS)) {
            margin = 1.0;
        }
        if (shortfall > 1) {
            // What the cheapest upgrade costs in all (a shortfall of 1 only says it fits now).
            need = estimate + shortfall;
        }
        if (!mayGoUp && shortfall > 0 && estimate >= need * margin) {
            mayGoUp = true;
            successes++;
            lastSuccessNanos = nowNanos;
            backoffNanos = FIRST_BACKOFF_NANOS;
        }
        boolean wanted = shortfall > 0 && nowNanos >= nextProbeNanos && estimator.calm(nowNanos, CALM_NANOS);
        if (!wanted) {
            ramping = false;
            padding = 0;
            return;
        }
        if (!ramping) {
            ramping = true;
            probes++;
        }
        target = Math.min((long) (estimate * RAMP_SHARE), (long) (need * margin * OVERSHOOT));
        padding = Math.max(0, target - media);
    }

    /** False from a congestion until a probe came through: layers may go down, not up. */
    public boolean mayGoUp() {
        return mayGoUp;
    }

    /** Bits per second of padding to send now (0 unless probing). */
    public long paddingBitrate() {
        return state == PROBING || ramping ? padding : 0;
    }

    /** The total rate the current or last probe aimed at. */
    public long target() {
        return target;
    }

    public long probes() {
        return probes;
    }

    public long successes() {
        return successes;
    }
}
