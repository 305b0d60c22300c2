package dev.quorum.bench.sidebyside;

import java.util.List;
import java.util.Map;

/**
 * The layers the publisher of a {@link DownlinkCollapse} was sending before the drop (their
 * widths) and what its viewer saw from the drop ({@code dropped}) until {@code
 * end}: how long until it showed a lower layer (-1: never), how long after the recovery until it
 * was back on the top one (-1: not by {@code end}; 0 when it never left), its smallest frame
 * width, its freezes, the frames it decoded during the outage and in all, and the share of its
 * audio that was concealed.
 */
record Collapse(
        String server,
        int run,
        String publisherLayers,
        long msToLowerLayer,
        long msBackToTop,
        long minWidth,
        double frozenSeconds,
        long freezes,
        long outageFrames,
        long frames,
        double seconds,
        double concealedPercent) {

    /** The camera's width, and so the top layer's. */
    static final int TOP = DownlinkCollapse.CAMERA.width();

    static Collapse of(
            String server,
            int run,
            String layers,
            List<Map<String, Object>> all,
            long dropped,
            long recovered,
            long end) {
        List<Map<String, Object>> window = all.stream()
                .filter(s -> num(s, "t") >= dropped && num(s, "t") <= end)
                .toList();
        if (window.size() < 2) {
            throw new BenchmarkFailure("the viewer's page sampled nothing between the drop and the end");
        }
        long toLower = window.stream()
                .filter(s -> num(s, "width") > 0 && num(s, "width") < TOP)
                .mapToLong(s -> num(s, "t") - dropped)
                .findFirst()
                .orElse(-1);
        long backUp = toLower < 0
                ? 0
                : window.stream()
                        .filter(s -> num(s, "t") >= recovered && num(s, "width") == TOP)
                        .mapToLong(s -> num(s, "t") - recovered)
                        .findFirst()
                        .orElse(-1);
        long minWidth = window.stream().mapToLong(s -> num(s, "width")).min().orElse(0);
        Map<String, Object> first = window.get(0);
        Map<String, Object> last = window.get(window.size() - 1);
        Map<String, Object> atRecovery = window.stream()
                .filter(s -> num(s, "t") <= recovered)
                .reduce((a, b) -> b)
                .orElse(first);
        double samples = dbl(last, "samples") - dbl(first, "samples");
        return new Collapse(
                server,
                run,
                layers,
                toLower,
                backUp,
                minWidth,
                dbl(last, "frozen") - dbl(first, "frozen"),
                num(last, "freezes") - num(first, "freezes"),
                num(atRecovery, "frames") - num(first, "frames"),
                num(last, "frames") - num(first, "frames"),
                (num(last, "t") - num(first, "t")) / 1000.0,
                samples <= 0 ? 100 : 100 * (dbl(last, "concealed") - dbl(first, "concealed")) / samples);
    }

    private static long num(Map<String, Object> s, String key) {
        return ((Number) s.get(key)).longValue();
    }

    private static double dbl(Map<String, Object> s, String key) {
        return ((Number) s.get(key)).doubleValue();
    }
}
