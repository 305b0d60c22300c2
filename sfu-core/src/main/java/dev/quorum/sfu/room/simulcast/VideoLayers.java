package dev.quorum.sfu.room.simulcast;

/**
 * What one forwarded video track offers a subscriber: its layers (lowest first) with their
 * current bitrate, whether they are flowing and their size, plus the size the subscriber asked
 * for. Filled by the engine, read by {@link LayerAllocator}; reused.
 */
public final class VideoLayers {

    public static final int MAX_LAYERS = 4;
    /** Nominal bitrates for layers not measured yet, lowest first, scaled to the layer count. */
    private static final long[] NOMINAL = {150_000, 500_000, 1_500_000, 2_500_000};

    public int count;
    public final long[] bitrate = new long[MAX_LAYERS];
    public final boolean[] active = new boolean[MAX_LAYERS];
    public final int[] width = new int[MAX_LAYERS];
    public final int[] height = new int[MAX_LAYERS];
    /** Bits of each layer's recent keyframes ({@link KeyframeSize}), 0 if unknown. */
    public final long[] keyframeBits = new long[MAX_LAYERS];
    /** Requested maximum size; {@link Integer#MAX_VALUE} for no limit, 0 to pause. */
    public int maxWidth = Integer.MAX_VALUE;

    public int maxHeight = Integer.MAX_VALUE;
    /** The layer being forwarded now, or -1; going above it needs headroom (no flapping). */
    public int current = -1;
    /** The layer chosen by the allocator, or -1 for none. */
    public int target = -1;
    /**
     * Paused by the allocator because the estimate did not carry its lowest layer; kept across
     * allocations, so that it comes back only as an upgrade does (with headroom, once allowed).
     */
    public boolean starved;

    /** What forwarding layer {@code i} costs: its measured bitrate, or a nominal one. */
    long cost(int i) {
        if (bitrate[i] > 0) {
            return bitrate[i];
        }
        int nominal = NOMINAL.length - count + i;
        return NOMINAL[Math.max(0, Math.min(NOMINAL.length - 1, nominal))];
    }

    /** The lowest flowing layer, or -1 if none flows. */
    int lowestActive() {
        for (int i = 0; i < count; i++) {
            if (active[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The highest layer the size preference allows, or -1 if the track is paused or has none active. */
    int highestWanted() {
        if (maxWidth <= 0 || maxHeight <= 0) {
            return -1;
        }
        int highestActive = -1;
        for (int i = count - 1; i >= 0; i--) {
            if (active[i]) {
                highestActive = i;
                break;
            }
        }
        if (highestActive < 0 || (maxWidth == Integer.MAX_VALUE && maxHeight == Integer.MAX_VALUE)) {
            return highestActive;
        }
        // The smallest active layer that fills the requested box in one dimension; layers of
        // unknown size only qualify as the highest.
        for (int i = 0; i < highestActive; i++) {
            if (active[i] && width[i] > 0 && (width[i] >= maxWidth || height[i] >= maxHeight)) {
                return i;
            }
        }
        return highestActive;
    }
}
