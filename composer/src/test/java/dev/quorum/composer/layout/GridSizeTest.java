package dev.quorum.composer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridSizeTest {

    private static Integer limit(int v) {
        return v == 0 ? null : v;
    }

    /** Every row of the documented tables: N, max_rows (0 = unset), max_columns (0 = unset), rows x columns, hidden. */
    @ParameterizedTest(name = "N={0} max_rows={1} max_columns={2} -> {3}x{4}")
    @CsvSource({
        // Unconstrained
        "1, 0, 0, 1, 1",
        "2, 0, 0, 1, 2",
        "3, 0, 0, 2, 2",
        "4, 0, 0, 2, 2",
        "5, 0, 0, 2, 3",
        "6, 0, 0, 2, 3",
        "7, 0, 0, 3, 3",
        "9, 0, 0, 3, 3",
        "10, 0, 0, 3, 4",
        "12, 0, 0, 3, 4",
        "17, 0, 0, 4, 5",
        "20, 0, 0, 4, 5",
        // max_rows only
        "1, 1, 0, 1, 1",
        "2, 1, 0, 1, 2",
        "3, 1, 0, 1, 3",
        "4, 2, 0, 2, 2",
        "5, 2, 0, 2, 3",
        "6, 2, 0, 2, 3",
        "7, 2, 0, 2, 4",
        "9, 2, 0, 2, 5",
        "12, 2, 0, 2, 6",
        // max_columns only
        "1, 0, 1, 1, 1",
        "2, 0, 1, 2, 1",
        "3, 0, 1, 3, 1",
        "4, 0, 2, 2, 2",
        "5, 0, 2, 3, 2",
        "6, 0, 2, 3, 2",
        "7, 0, 2, 4, 2",
        "9, 0, 2, 5, 2",
        "12, 0, 2, 6, 2",
        // both
        "1, 1, 1, 1, 1",
        "1, 1, 2, 1, 1",
        "1, 2, 2, 1, 1",
        "2, 1, 1, 1, 1",
        "2, 1, 2, 1, 2",
        "2, 2, 2, 1, 2",
        "3, 1, 1, 1, 1",
        "3, 1, 2, 1, 2",
        "3, 2, 2, 2, 2",
        "4, 1, 1, 1, 1",
        "4, 1, 2, 1, 2",
        "4, 2, 2, 2, 2",
        "5, 1, 1, 1, 1",
        "5, 1, 2, 1, 2",
        "5, 2, 2, 2, 2",
        "9, 1, 7, 1, 7",
        "9, 2, 7, 2, 5",
        "9, 3, 7, 3, 3",
    })
    void reproducesTheDocumentedTables(int n, int maxRows, int maxColumns, int rows, int columns) {
        assertThat(GridSize.of(n, limit(maxRows), limit(maxColumns))).isEqualTo(new GridSize(rows, columns));
    }

    @ParameterizedTest(name = "N={0} max {1}x{2} hides {3}")
    @CsvSource({
        "2, 1, 1, 1",
        "3, 1, 1, 2",
        "3, 1, 2, 1",
        "4, 1, 1, 3",
        "4, 1, 2, 2",
        "5, 1, 1, 4",
        "5, 2, 2, 1",
        "9, 1, 7, 2",
        "5, 1, 2, 3"
    })
    void bothLimitsHideWhatDoesNotFit(int n, int maxRows, int maxColumns, int hidden) {
        GridSize g = GridSize.of(n, maxRows, maxColumns);
        assertThat(n - g.cells()).isEqualTo(hidden);
    }

    @Test
    void excludedCellsGrowTheGridUntilEveryoneFits() {
        // The chess table: 3x3 at most, corners and centre used, five players.
        assertThat(GridSize.of(5, 3, 3, List.of(1, 3, 5, 7))).isEqualTo(new GridSize(3, 3));
        // Interviewers around an excluded centre: eight fit a 3x3 grid.
        assertThat(GridSize.of(8, 3, 3, List.of(4))).isEqualTo(new GridSize(3, 3));
        // Unconstrained: two sources with cell 1 excluded need a third cell.
        GridSize g = GridSize.of(2, null, null, List.of(1));
        assertThat(GridSize.usable(g, List.of(1))).isGreaterThanOrEqualTo(2);
        assertThat(g).isEqualTo(new GridSize(2, 2));
    }

    @Test
    void exclusionsOutsideTheGridChangeNothing() {
        assertThat(GridSize.of(4, null, null, List.of(100, 999_999))).isEqualTo(new GridSize(2, 2));
    }

    @Test
    void bothLimitsStopTheGrowth() {
        assertThat(GridSize.of(4, 1, 2, List.of(0))).isEqualTo(new GridSize(1, 2));
    }

    @Test
    void cellsTileTheRegionExactly() {
        GridSize g = new GridSize(3, 3);
        Rect region = new Rect(10, 0, 1260, 720);
        assertThat(g.cell(region, 0)).isEqualTo(new Rect(10, 0, 420, 240));
        assertThat(g.cell(region, 4)).isEqualTo(new Rect(430, 240, 420, 240));
        assertThat(g.cell(region, 8)).isEqualTo(new Rect(850, 480, 420, 240));
        GridSize odd = new GridSize(1, 3);
        Rect r = new Rect(0, 0, 100, 50);
        int total = 0;
        for (int i = 0; i < 3; i++) {
            Rect c = odd.cell(r, i);
            assertThat(c.x()).isEqualTo(total);
            total += c.width();
        }
        assertThat(total).isEqualTo(100);
    }
}
