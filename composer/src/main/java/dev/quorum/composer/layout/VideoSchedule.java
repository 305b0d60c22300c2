package dev.quorum.composer.layout;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A layout timeline applied to a room's recordings: for any instant on the room clock, which
 * source is drawn into which rectangle, bottom to top. Each layout of the timeline is resolved for
 * the window in which it is in force; at a change the next layout's placements take over. Pure
 * computation, no media.
 */
public final class VideoSchedule {

    /** A layout in force in [{@code fromMs}, {@code toMs}). */
    private record Window(long fromMs, long toMs, LayoutPlan plan) {}

    private final List<Window> windows;
    /** Instants where the set of placements may change, ascending. */
    private final long[] changes;
    /** Placements in force from {@code changes[i]} to {@code changes[i + 1]}. */
    private final List<List<Placement>> segments;

    private VideoSchedule(List<Window> windows) {
        this.windows = List.copyOf(windows);
        TreeSet<Long> instants = new TreeSet<>();
        for (Window w : windows) {
            if (w.fromMs() != LayoutTimeline.FROM_START) {
                instants.add(w.fromMs());
            }
            List<Long> inner = new ArrayList<>();
            w.plan().changes(w.fromMs(), w.toMs(), inner);
            inner.stream().filter(t -> t >= w.fromMs() && t < w.toMs()).forEach(instants::add);
        }
        changes = instants.stream().mapToLong(Long::longValue).toArray();
        segments = new ArrayList<>(changes.length);
        for (long start : changes) {
            Window w = windowAt(start);
            segments.add(w == null ? List.of() : w.plan().at(start));
        }
    }

    /** Resolves every region of {@code layout} on a canvas against the room's recordings. */
    public static VideoSchedule build(VideoLayout layout, Resolution canvas, List<SourceRecording> recordings) {
        return build(LayoutTimeline.of(layout), canvas, recordings, StreamClasses.NONE);
    }

    /**
     * Resolves each layout of {@code timeline} for the time it is in force.
     *
     * @param classes the streams' layout classes over time (for archive layouts)
     */
    public static VideoSchedule build(
            LayoutTimeline timeline, Resolution canvas, List<SourceRecording> recordings, StreamClasses classes) {
        List<Window> windows = new ArrayList<>();
        List<LayoutTimeline.Entry> entries = timeline.entries();
        for (int i = 0; i < entries.size(); i++) {
            long from = entries.get(i).atMs();
            long to = i + 1 < entries.size() ? entries.get(i + 1).atMs() : Long.MAX_VALUE;
            if (from >= to) {
                continue;
            }
            Layout layout = entries.get(i).layout();
            LayoutPlan plan = layout instanceof VideoLayout v
                    ? RegionLayoutPlan.build(v, canvas, recordings, from, to)
                    : new StyledLayoutPlan((ArchiveLayout) layout, canvas, recordings, classes);
            windows.add(new Window(from, to, plan));
        }
        return new VideoSchedule(windows);
    }

    /** The regions of every region layout, in timeline order. */
    public List<RegionPlan> regions() {
        List<RegionPlan> out = new ArrayList<>();
        for (Window w : windows) {
            if (w.plan() instanceof RegionLayoutPlan r) {
                out.addAll(r.regions());
            }
        }
        return out;
    }

    /** The instants (room clock, ascending) at which the placements may change. */
    public long[] changes() {
        return changes.clone();
    }

    /** Placements at {@code roomMs}, in drawing order (bottom first). */
    public List<Placement> at(long roomMs) {
        int i = segmentIndex(roomMs);
        return i < 0 ? List.of() : segments.get(i);
    }

    /**
     * Index of the segment holding {@code roomMs}, or −1 before the first change. Callers that walk
     * forward in time can compare indices to learn whether anything changed.
     */
    public int segmentIndex(long roomMs) {
        int lo = 0;
        int hi = changes.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (changes[mid] <= roomMs) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Sources that are drawn at some time: the ones worth decoding. */
    public Set<SourceRecording> shownSources() {
        Set<SourceRecording> out = new LinkedHashSet<>();
        for (List<Placement> segment : segments) {
            segment.forEach(p -> out.add(p.source()));
        }
        return out;
    }

    private Window windowAt(long roomMs) {
        for (Window w : windows) {
            if (roomMs >= w.fromMs() && roomMs < w.toMs()) {
                return w;
            }
        }
        return null;
    }
}
