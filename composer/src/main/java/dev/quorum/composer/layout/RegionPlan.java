package dev.quorum.composer.layout;

import java.util.List;

/**
 * One region resolved for a composition: where it lies, its grid, the cells sources may use, and
 * who holds which cell when.
 *
 * @param order position of the region in the layout, the tie-break between equal {@code z_pos}
 */
public record RegionPlan(
        Region region, int order, Rect bounds, GridSize grid, List<Integer> usableCells, List<Tenure> tenures) {

    public RegionPlan {
        usableCells = List.copyOf(usableCells);
        tenures = List.copyOf(tenures);
    }

    /** The rectangle of cell {@code index}. */
    public Rect cellRect(int index) {
        return grid.cell(bounds, index);
    }
}
