package dev.quorum.composer.layout;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link VideoLayout} in force for a window of the room clock: each region's grid is sized by
 * the sources it shows within the window, and cells are assigned as if the layout started there.
 */
final class RegionLayoutPlan implements LayoutPlan {

    private static final Comparator<Placement> DRAW_ORDER =
            Comparator.comparingInt(Placement::zPos).thenComparingInt(Placement::regionOrder);

    private final List<RegionPlan> regions;

    private RegionLayoutPlan(List<RegionPlan> regions) {
        this.regions = List.copyOf(regions);
    }

    static RegionLayoutPlan build(
            VideoLayout layout, Resolution canvas, List<SourceRecording> recordings, long fromMs, long toMs) {
        List<RegionPlan> plans = new ArrayList<>();
        int order = 0;
        for (Region region : layout.regions()) {
            List<SourceRecording> mine =
                    recordings.stream().filter(region::selects).toList();
            int n = CellAssigner.simultaneous(mine, region.reuse(), fromMs, toMs);
            GridSize grid = GridSize.of(n, region.maxRows(), region.maxColumns(), region.cellsExcluded());
            List<Integer> usable = new ArrayList<>();
            for (int c = 0; c < grid.cells(); c++) {
                if (!region.cellsExcluded().contains(c)) {
                    usable.add(c);
                }
            }
            List<Tenure> tenures = CellAssigner.assign(usable, region.reuse(), mine, fromMs, toMs);
            plans.add(new RegionPlan(region, order++, region.bounds(canvas), grid, usable, tenures));
        }
        return new RegionLayoutPlan(plans);
    }

    List<RegionPlan> regions() {
        return regions;
    }

    @Override
    public void changes(long fromMs, long toMs, Collection<Long> out) {
        for (RegionPlan r : regions) {
            for (Tenure t : r.tenures()) {
                out.add(t.fromMs());
                out.add(t.toMs());
            }
        }
    }

    @Override
    public List<Placement> at(long roomMs) {
        List<Placement> out = new ArrayList<>();
        for (RegionPlan r : regions) {
            for (Tenure t : r.tenures()) {
                if (t.covers(roomMs)) {
                    out.add(new Placement(
                            t.source(), r.cellRect(t.cell()), r.region().zPos(), r.order()));
                }
            }
        }
        out.sort(DRAW_ORDER);
        return List.copyOf(out);
    }
}
