package dev.quorum.composer.layout;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A layout applied to a room's recordings: for any instant on the room clock, which source is
 * drawn into which rectangle, bottom to top. Pure computation, no media.
 */
public final class VideoSchedule {

    private static final Comparator<Placement> DRAW_ORDER =
            Comparator.comparingInt(Placement::zPos).thenComparingInt(Placement::regionOrder);

    private final List<RegionPlan> regions;
    /** Instants where the set of placements changes, ascending. */
    private final long[] changes;
    /** Placements in force from {@code changes[i]} to {@code changes[i + 1]}. */
    private final List<List<Placement>> segments;

    private VideoSchedule(List<RegionPlan> regions) {
        this.regions = List.copyOf(regions);
        TreeSet<Long> instants = new TreeSet<>();
        for (RegionPlan r : regions) {
            for (Tenure t : r.tenures()) {
                instants.add(t.fromMs());
                instants.add(t.toMs());
            }
        }
        changes = instants.stream().mapToLong(Long::longValue).toArray();
        segments = new ArrayList<>(changes.length);
        for (long start : changes) {
            segments.add(compute(start));
        }
    }

    /** Resolves every region of {@code layout} on a canvas against the room's recordings. */
    public static VideoSchedule build(VideoLayout layout, Resolution canvas, List<SourceRecording> recordings) {
        List<RegionPlan> plans = new ArrayList<>();
        int order = 0;
        for (Region region : layout.regions()) {
            List<SourceRecording> mine = recordings.stream().filter(region::selects).toList();
            int n = CellAssigner.simultaneous(mine, region.reuse());
            GridSize grid = GridSize.of(n, region.maxRows(), region.maxColumns(), region.cellsExcluded());
            List<Integer> usable = new ArrayList<>();
            for (int c = 0; c < grid.cells(); c++) {
                if (!region.cellsExcluded().contains(c)) {
                    usable.add(c);
                }
            }
            List<Tenure> tenures = CellAssigner.assign(usable, region.reuse(), mine);
            plans.add(new RegionPlan(region, order++, region.bounds(canvas), grid, usable, tenures));
        }
        return new VideoSchedule(plans);
    }

    public List<RegionPlan> regions() {
        return regions;
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
        for (RegionPlan r : regions) {
            r.tenures().forEach(t -> out.add(t.source()));
        }
        return out;
    }

    private List<Placement> compute(long roomMs) {
        List<Placement> out = new ArrayList<>();
        for (RegionPlan r : regions) {
            for (Tenure t : r.tenures()) {
                if (t.covers(roomMs)) {
                    out.add(new Placement(t.source(), r.cellRect(t.cell()), r.region().zPos(), r.order()));
                }
            }
        }
        out.sort(DRAW_ORDER);
        return List.copyOf(out);
    }
}
