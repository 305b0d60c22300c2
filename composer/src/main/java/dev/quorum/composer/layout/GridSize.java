package dev.quorum.composer.layout;

import java.util.Collection;

/**
 * Rows and columns of a region's grid, fixed for the whole composition.
 *
 * <p>The hosted service documents the sizes as three tables (no limit, one limit, both limits);
 * {@link #of} reproduces every row of them: start as square as possible growing columns first
 * ({@code c = ⌈√n⌉, r = ⌈n / c⌉}); a dimension over its limit is pinned to the limit and the other
 * grows until all fit; finally both limits hold, so with both set the capacity is
 * {@code max_rows × max_columns} and extra simultaneous sources are not shown.
 */
public record GridSize(int rows, int columns) {

    public GridSize {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("grid must be at least 1x1: " + rows + "x" + columns);
        }
    }

    public int cells() {
        return rows * columns;
    }

    /**
     * The grid for {@code n} simultaneous sources.
     *
     * @param maxRows    null for no limit
     * @param maxColumns null for no limit
     */
    public static GridSize of(int n, Integer maxRows, Integer maxColumns) {
        int count = Math.max(1, n);
        int c = (int) Math.ceil(Math.sqrt(count));
        int r = ceilDiv(count, c);
        if (maxRows != null && r > maxRows) {
            r = maxRows;
            c = ceilDiv(count, r);
        } else if (maxColumns != null && c > maxColumns) {
            c = maxColumns;
            r = ceilDiv(count, c);
        }
        if (maxRows != null) {
            r = Math.min(r, maxRows);
        }
        if (maxColumns != null) {
            c = Math.min(c, maxColumns);
        }
        return new GridSize(r, c);
    }

    /**
     * The grid for {@code n} simultaneous sources when some cells may not be used: the smallest
     * grid from {@link #of} whose usable cells hold all {@code n}, or the largest the limits allow.
     * Without exclusions this equals {@link #of}. (How the hosted service treats exclusions in an
     * unlimited grid is not documented; growing the grid keeps every source visible, and with
     * both limits set — as in the documented samples — gives the documented grid.)
     */
    public static GridSize of(int n, Integer maxRows, Integer maxColumns, Collection<Integer> excluded) {
        GridSize g = of(n, maxRows, maxColumns);
        int wanted = Math.max(1, n);
        // A grid of wanted + |excluded| cells always has room, so the search is bounded by it.
        int bound = wanted + (int) excluded.stream().distinct().count();
        for (int k = wanted + 1; k <= bound && usable(g, excluded) < wanted; k++) {
            if (limitsReached(g, maxRows, maxColumns)) {
                break;
            }
            g = of(k, maxRows, maxColumns);
        }
        return g;
    }

    private static boolean limitsReached(GridSize g, Integer maxRows, Integer maxColumns) {
        return maxRows != null && maxColumns != null && g.rows == maxRows && g.columns == maxColumns;
    }

    /** Cells of {@code g} not named in {@code excluded}. */
    public static int usable(GridSize g, Collection<Integer> excluded) {
        long inGrid = excluded.stream()
                .filter(e -> e != null && e >= 0 && e < g.cells())
                .distinct()
                .count();
        return g.cells() - (int) inGrid;
    }

    /**
     * Cell {@code index} (row-major from the top-left) of this grid laid over {@code region}.
     * Cells tile the region exactly: edges are {@code ⌊i · size / count⌋}, so sizes differ by at
     * most one pixel.
     */
    public Rect cell(Rect region, int index) {
        int row = index / columns;
        int col = index % columns;
        int x0 = region.x() + (int) ((long) col * region.width() / columns);
        int x1 = region.x() + (int) ((long) (col + 1) * region.width() / columns);
        int y0 = region.y() + (int) ((long) row * region.height() / rows);
        int y1 = region.y() + (int) ((long) (row + 1) * region.height() / rows);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return rows + "x" + columns;
    }
}
