package dev.quorum.sfu.room.simulcast;

import java.util.List;

/**
 * Shares a subscriber's bandwidth between the video tracks it receives. Every track first gets
 * its lowest flowing layer (video never stops for bandwidth alone), then the remaining budget
 * upgrades tracks one layer at a time, round-robin, up to the size each one asked for. Going
 * above the layer a track is forwarded now needs {@link #UPGRADE_HEADROOM} times its extra cost,
 * so that a budget close to a layer's bitrate does not make the choice flap (each switch costs a
 * keyframe). Pure function over {@link VideoLayers}.
 */
public final class LayerAllocator {

    /** Spare budget an upgrade above the current layer needs, relative to its extra cost. */
    public static final double UPGRADE_HEADROOM = 1.25;

    private LayerAllocator() {}

    /**
     * Sets {@link VideoLayers#target} of every track.
     *
     * @param budget bits per second available for video
     * @return how many more bits per second the cheapest upgrade left out would need (headroom
     *     included), or 0 if every track got the highest layer it wants
     */
    public static long allocate(List<VideoLayers> tracks, long budget) {
        return allocate(tracks, budget, true);
    }

    /**
     * As {@link #allocate(List, long)}; without {@code mayGoUp} no track goes above the layer it is
     * on (the path congested since the estimate was last proven: see {@link ProbeController}).
     */
    public static long allocate(List<VideoLayers> tracks, long budget, boolean mayGoUp) {
        long remaining = budget;
        int n = tracks.size();
        for (int t = 0; t < n; t++) {
            VideoLayers v = tracks.get(t);
            int wanted = v.highestWanted();
            v.target = -1;
            if (wanted < 0) {
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
                        double needed = i > v.current ? extra * UPGRADE_HEADROOM : extra;
                        if (needed <= remaining) {
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
                    long needed = (long) (i > v.current ? extra * UPGRADE_HEADROOM : extra);
                    shortfall = Math.min(shortfall, Math.max(0, needed - remaining));
                    break;
                }
            }
        }
        return shortfall == Long.MAX_VALUE ? 0 : Math.max(1, shortfall);
    }
}
