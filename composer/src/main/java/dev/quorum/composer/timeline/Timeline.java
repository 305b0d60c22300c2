package dev.quorum.composer.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps output time to room time. The room clock is milliseconds since the Unix epoch, on which
 * every recording sits by its offset. The time before the first included recording starts is
 * always dropped; with trim on, so is every later stretch in which no included recording is
 * active; with trim off, those stretches stay (black and silent). The output lasts as long as
 * the spans kept. A {@linkplain #of(Window) window's} timeline is the window itself, whatever media
 * lies in it.
 */
public final class Timeline {

    private final List<Span> spans;

    private Timeline(List<Span> spans) {
        this.spans = List.copyOf(spans);
    }

    /**
     * Builds the timeline of the given active intervals (room ms, start inclusive, end exclusive).
     * Empty intervals are ignored; no interval at all gives an empty timeline.
     */
    public static Timeline of(List<long[]> activeIntervals, boolean trim) {
        List<long[]> sorted = new ArrayList<>();
        for (long[] iv : activeIntervals) {
            if (iv[1] > iv[0]) {
                sorted.add(new long[] {iv[0], iv[1]});
            }
        }
        sorted.sort(Comparator.comparingLong(iv -> iv[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] iv : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && iv[0] <= last[1]) {
                last[1] = Math.max(last[1], iv[1]);
            } else {
                merged.add(iv);
            }
        }
        if (!trim && merged.size() > 1) {
            long start = merged.get(0)[0];
            long end = merged.get(merged.size() - 1)[1];
            merged = List.of(new long[] {start, end});
        }
        List<Span> spans = new ArrayList<>();
        long out = 0;
        for (long[] iv : merged) {
            spans.add(new Span(iv[0], iv[1], out));
            out += iv[1] - iv[0];
        }
        return new Timeline(spans);
    }

    /** Exactly {@code window}: output ms 0 is its start; an empty window gives an empty timeline. */
    public static Timeline of(Window window) {
        return new Timeline(
                window.durationMs() > 0 ? List.of(new Span(window.startMs(), window.endMs(), 0)) : List.of());
    }

    public List<Span> spans() {
        return spans;
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    /** Output length in ms. */
    public long durationMs() {
        return spans.isEmpty() ? 0 : spans.get(spans.size() - 1).outputEndMs();
    }

    /** Room ms where the output starts; 0 for an empty timeline. */
    public long originMs() {
        return spans.isEmpty() ? 0 : spans.get(0).roomStartMs();
    }

    /**
     * Room time, in µs since the Unix epoch, shown at output time {@code outputUs}; past the end,
     * the end of the last span.
     */
    public long roomMicrosAt(long outputUs) {
        Span s = spanAtOutput(outputUs / 1000);
        if (s == null) {
            return spans.isEmpty() ? 0 : spans.get(spans.size() - 1).roomEndMs() * 1000;
        }
        return s.roomStartMs() * 1000 + (outputUs - s.outputStartMs() * 1000);
    }

    /** The span playing at output ms {@code outputMs}, or null past the end. */
    public Span spanAtOutput(long outputMs) {
        int lo = 0;
        int hi = spans.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Span s = spans.get(mid);
            if (outputMs < s.outputStartMs()) {
                hi = mid - 1;
            } else if (outputMs >= s.outputEndMs()) {
                lo = mid + 1;
            } else {
                return s;
            }
        }
        return null;
    }

    /** Output ms at which room ms {@code roomMs} plays, or −1 when that moment was cut. */
    public long outputMsAt(long roomMs) {
        for (Span s : spans) {
            if (roomMs >= s.roomStartMs() && roomMs < s.roomEndMs()) {
                return s.outputStartMs() + (roomMs - s.roomStartMs());
            }
        }
        return -1;
    }
}
