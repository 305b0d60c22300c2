package dev.quorum.sfu.room.simulcast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shares a subscriber's bandwidth between the video tracks it receives, once its audio has been
 * taken off the budget. Every track first gets its lowest flowing layer; on a congested path
 * whose estimate does not carry even those, the tracks the subscriber shows smallest are paused
 * ({@link VideoLayers#starved}) until the rest fit — video stops rather than starve the audio
 * sharing its path — and a paused track comes back as an upgrade would, before any other track
 * goes up. Then the remaining budget
 * upgrades tracks one layer at a time, round-robin, up to the size each one asked for. Any layer
 * but the one a track is forwarded now needs {@link #UPGRADE_HEADROOM} times its cost (going up,
 * its extra cost; going down, its whole cost), so that a budget close to a layer's bitrate does
 * not make the choice flap (each switch costs a keyframe). An upgrade also needs a budget that carries the new layer's keyframe within
 * {@link #KEYFRAME_SECONDS}: a keyframe is a burst several times the layer's per-frame size, and on
 * a narrow downlink it queues behind itself for longer than a frame lasts — the picture freezes
 * on the very switch meant to improve it, or the link's queue overflows and the keyframe is lost.
 * Pure function over {@link VideoLayers}.
 */
public final class LayerAllocator {

    /**
     * Spare budget a layer other than the current one needs: going up, relative to its extra cost,
     * so that the choice does not flap; going down, relative to its whole cost, so that the layer
     * left behind is not one that barely fits — the estimate was just cut, the path's queue has to
     * drain while the new layer's keyframe crosses it, and a second step down costs a second
     * keyframe wait.
     */
    public static final double UPGRADE_HEADROOM = 1.25;

    /**
     * The longest a new layer's keyframe may take at the budget's rate. Longer, and the switch up
     * freezes the picture for that long, and a link with a short queue drops the keyframe; shorter
     * would keep a camera's high layer (keyframes of 50–100 KB) off links that carry it well.
     */
    public static final double KEYFRAME_SECONDS = 0.5;

    private LayerAllocator() {}

    /**
     * Sets {@link VideoLayers#target} of every track.
     *
     * @param budget bits per second available for video
     * @return how many more bits per second the cheapest upgrade left out would need (headroom
     *     included), or 0 if every track got the highest layer it wants
     */
    public static long allocate(List<VideoLayers> tracks, long budget) {
        return allocate(tracks, budget, true, true);
    }

    /**
     * As {@link #allocate(List, long)}; without {@code mayGoUp} no track goes above the layer it is
     * on (the path congested since the estimate was last proven: see {@link ProbeController});
     * without {@code mayGoDown} no track goes below it unless its size preference asks so (the
     * estimate bounds only what the path has been shown to carry, and nothing says the path is
     * short: a layer's bitrate that swells for a keyframe is no reason to switch).
     */
    public static long allocate(List<VideoLayers> tracks, long budget, boolean mayGoUp, boolean mayGoDown) {
        return allocate(tracks, budget, mayGoUp, mayGoDown, mayGoDown);
    }

    /**
     * As {@link #allocate(List, long, boolean, boolean)}; with {@code mayPause} (the path showed
     * congestion lately) tracks whose lowest layers the budget does not carry are paused. Without
     * it they keep their lowest layers: an estimate nothing has proven short — a new subscriber's
     * initial one — is no reason to take a participant's picture away.
     */
    public static long allocate(
            List<VideoLayers> tracks, long budget, boolean mayGoUp, boolean mayGoDown, boolean mayPause) {
        long remaining = budget;
        int n = tracks.size();
        for (int t = 0; t < n; t++) {
            VideoLayers v = tracks.get(t);
            int wanted = v.highestWanted();
            v.target = -1;
            if (wanted < 0) {
                v.starved = false;
                continue;
            }
            if (v.starved) {
                continue;
            }
            if (!mayGoDown && v.current >= 0 && v.current <= wanted && v.active[v.current]) {
                v.target = v.current;
                remaining -= v.cost(v.current);
                continue;
            }
            for (int i = 0; i <= wanted; i++) {
                if (v.active[i]) {
                    v.target = i;
                    remaining -= v.cost(i);
                    break;
                }
            }
        }
        if (remaining < 0 && mayPause) {
            remaining = pause(tracks, remaining);
        }
        boolean anyStarved = false;
        for (int t = 0; t < n; t++) {
            anyStarved |= tracks.get(t).starved;
        }
        for (VideoLayers v : anyStarved && mayGoUp ? byImportance(tracks) : List.<VideoLayers>of()) {
            if (v.starved && v.target < 0) {
                int lowest = v.lowestActive();
                if (lowest >= 0
                        && needed(v, lowest, v.cost(lowest)) <= remaining
                        && keyframeBudget(v, lowest) <= budget) {
                    v.target = lowest;
                    v.starved = false;
                    remaining -= v.cost(lowest);
                }
            }
        }
        boolean upgraded = true;
        while (upgraded) {
            upgraded = false;
            for (int t = 0; t < n; t++) {
                VideoLayers v = tracks.get(t);
                if (v.target < 0) {
                    continue;
                }
                int wanted = v.highestWanted();
                for (int i = v.target + 1; i <= wanted; i++) {
                    if (!mayGoUp && v.current >= 0 && i > v.current) {
                        break;
                    }
                    if (v.active[i]) {
                        long extra = v.cost(i) - v.cost(v.target);
                        double needed = needed(v, i, extra);
                        if (needed <= remaining && (i <= v.current || keyframeBudget(v, i) <= budget)) {
                            remaining -= extra;
                            v.target = i;
                            upgraded = true;
                        }
                        break;
                    }
                }
            }
        }
        long shortfall = Long.MAX_VALUE;
        for (int t = 0; t < n; t++) {
            VideoLayers v = tracks.get(t);
            int wanted = v.highestWanted();
            for (int i = v.target + 1; i <= wanted; i++) {
                if (v.active[i]) {
                    long extra = v.cost(i) - (v.target < 0 ? 0 : v.cost(v.target));
                    long needed = (long) needed(v, i, extra);
                    long missing = Math.max(0, needed - remaining);
                    if (i > v.current) {
                        missing = Math.max(missing, keyframeBudget(v, i) - budget);
                    }
                    shortfall = Math.min(shortfall, missing);
                    break;
                }
            }
        }
        return shortfall == Long.MAX_VALUE ? 0 : Math.max(1, shortfall);
    }

    /**
     * Pauses the tracks shown smallest (of equal ones, the last) until what is left covers the
     * rest; returns what is left.
     */
    private static long pause(List<VideoLayers> tracks, long remaining) {
        List<VideoLayers> order = byImportance(tracks);
        for (int i = order.size() - 1; i >= 0 && remaining < 0; i--) {
            VideoLayers v = order.get(i);
            if (v.target >= 0) {
                remaining += v.cost(v.target);
                v.target = -1;
                v.starved = true;
            }
        }
        return remaining;
    }

    /** The tracks, the one shown largest first; a stable order, so equal ones keep theirs. */
    private static List<VideoLayers> byImportance(List<VideoLayers> tracks) {
        List<VideoLayers> order = new ArrayList<>(tracks);
        order.sort(Comparator.comparingLong(LayerAllocator::shownSize).reversed());
        return order;
    }

    /** The area the subscriber shows the track at: its wanted layer's, or what it asked for. */
    private static long shownSize(VideoLayers v) {
        int wanted = v.highestWanted();
        if (wanted < 0) {
            return 0;
        }
        if (v.width[wanted] > 0) {
            return (long) v.width[wanted] * v.height[wanted];
        }
        return Math.min((long) v.maxWidth * v.maxHeight, Long.MAX_VALUE / 2);
    }

    /** What raising a track's target to layer {@code i} takes from the remaining budget, headroom included. */
    private static double needed(VideoLayers v, int i, long extra) {
        if (i == v.current) {
            return extra;
        }
        if (i < v.current) {
            return extra + (UPGRADE_HEADROOM - 1) * v.cost(i);
        }
        return extra * UPGRADE_HEADROOM;
    }

    /** The budget that carries the layer's keyframe within {@link #KEYFRAME_SECONDS}; 0 if its size is unknown. */
    private static long keyframeBudget(VideoLayers v, int layer) {
        return (long) (v.keyframeBits[layer] / KEYFRAME_SECONDS);
    }
}
