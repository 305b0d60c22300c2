package dev.quorum.composer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.composer.SourceRecording;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellAssignerTest {

    static SourceRecording video(String name, long start, long end) {
        return new SourceRecording(
                "RT-" + name,
                "MT-" + name,
                "PA-" + name,
                name,
                TrackKind.VIDEO,
                "VP8",
                Path.of(name + ".mkv"),
                start,
                end - start);
    }

    static String describe(List<Tenure> tenures) {
        StringBuilder b = new StringBuilder();
        for (Tenure t : tenures) {
            b.append(t.source().trackName())
                    .append('@')
                    .append(t.cell())
                    .append('[')
                    .append(t.fromMs())
                    .append(',')
                    .append(t.toMs())
                    .append(") ");
        }
        return b.toString().trim();
    }

    /** The documented five-track example: at most three at a time. */
    static final List<SourceRecording> FIVE = List.of(
            video("a", 0, 100), video("b", 10, 50), video("c", 20, 120), video("d", 60, 90), video("e", 95, 130));

    @Test
    void noneNeedsAFreshCellPerSourceWhileOthersReuse() {
        assertThat(CellAssigner.simultaneous(FIVE, Reuse.NONE)).isEqualTo(5);
        assertThat(GridSize.of(5, null, null)).isEqualTo(new GridSize(2, 3));
        assertThat(CellAssigner.simultaneous(FIVE, Reuse.SHOW_OLDEST)).isEqualTo(3);
        assertThat(GridSize.of(3, null, null)).isEqualTo(new GridSize(2, 2));
    }

    @Test
    void sourcesTakeCellsInStartOrderAndReuseIdleOnes() {
        List<Tenure> t = CellAssigner.assign(List.of(0, 1, 2, 3), Reuse.SHOW_OLDEST, FIVE);
        // d takes b's idle cell 1 (the first free cell in scan order, before fresh cell 3); when e
        // starts, d has left cell 1 idle again.
        assertThat(describe(t)).isEqualTo("a@0[0,100) b@1[10,50) c@2[20,120) d@1[60,90) e@1[95,130)");
    }

    @Test
    void noneNeverReusesACell() {
        List<Tenure> t = CellAssigner.assign(List.of(0, 1, 2, 3, 4, 5), Reuse.NONE, FIVE);
        assertThat(describe(t)).isEqualTo("a@0[0,100) b@1[10,50) c@2[20,120) d@3[60,90) e@4[95,130)");
    }

    @Test
    void noneInAOneCellRegionShowsOnlyTheFirstSourceEver() {
        List<SourceRecording> s = List.of(video("first", 0, 10), video("second", 20, 30), video("third", 5, 40));
        assertThat(describe(CellAssigner.assign(List.of(0), Reuse.NONE, s))).isEqualTo("first@0[0,10)");
    }

    @Test
    void excludedCellsAreSkipped() {
        List<Tenure> t = CellAssigner.assign(List.of(0, 2, 4), Reuse.SHOW_OLDEST, FIVE.subList(0, 3));
        assertThat(describe(t)).isEqualTo("a@0[0,100) b@2[10,50) c@4[20,120)");
    }

    @Test
    void showOldestMakesNewcomersWaitForAnIdleCell() {
        List<SourceRecording> s = List.of(video("a", 0, 100), video("b", 10, 50), video("c", 20, 120));
        // One cell: a keeps it; b waits and ends unseen; c gets it when a ends.
        assertThat(describe(CellAssigner.assign(List.of(0), Reuse.SHOW_OLDEST, s)))
                .isEqualTo("a@0[0,100) c@0[100,120)");
    }

    @Test
    void showOldestGivesAFreedCellToTheLongestWaiting() {
        List<SourceRecording> s =
                List.of(video("a", 0, 50), video("b", 10, 200), video("c", 20, 200), video("d", 50, 200));
        // When a ends at 50, b (waiting since 10) wins over c (since 20) and over d (starting at 50).
        assertThat(describe(CellAssigner.assign(List.of(0), Reuse.SHOW_OLDEST, s)))
                .isEqualTo("a@0[0,50) b@0[50,200)");
    }

    @Test
    void showNewestTakesOverTheCellWhoseSourceEndsFirst() {
        List<SourceRecording> s = List.of(video("long", 0, 300), video("short", 0, 100), video("new", 50, 200));
        // Two cells both used at 50: the newcomer displaces "short" (ends at 100), not "long".
        List<Tenure> t = CellAssigner.assign(List.of(0, 1), Reuse.SHOW_NEWEST, s);
        assertThat(describe(t)).isEqualTo("long@0[0,300) short@1[0,50) new@1[50,200)");
    }

    @Test
    void showNewestInOneCellIsASequence() {
        List<SourceRecording> s = List.of(video("s1", 0, 100), video("s2", 40, 160), video("s3", 90, 300));
        List<Tenure> t = CellAssigner.assign(List.of(0), Reuse.SHOW_NEWEST, s);
        // Each newcomer displaces the one before; the displaced ones end while waiting.
        assertThat(describe(t)).isEqualTo("s1@0[0,40) s2@0[40,90) s3@0[90,300)");
    }

    @Test
    void showNewestGivesAFreedCellBackToADisplacedSource() {
        List<SourceRecording> s = List.of(video("a", 0, 100), video("b", 0, 300), video("c", 50, 150));
        // Two cells. c displaces a (it ends first) at 50; a ends at 100 while still waiting.
        List<Tenure> t = CellAssigner.assign(List.of(0, 1), Reuse.SHOW_NEWEST, s);
        assertThat(describe(t)).isEqualTo("a@0[0,50) b@1[0,300) c@0[50,150)");
        List<SourceRecording> s2 = List.of(video("a", 0, 400), video("b", 0, 300), video("c", 50, 150));
        // Now b ends first and is displaced at 50; when c ends at 150 b comes back until 300.
        assertThat(describe(CellAssigner.assign(List.of(0, 1), Reuse.SHOW_NEWEST, s2)))
                .isEqualTo("a@0[0,400) b@1[0,50) c@1[50,150) b@1[150,300)");
    }

    @Test
    void unconstrainedGridsPlaceTheSameUnderBothShowPolicies() {
        int n = CellAssigner.simultaneous(FIVE, Reuse.SHOW_OLDEST);
        GridSize g = GridSize.of(n, null, null);
        List<Integer> cells =
                java.util.stream.IntStream.range(0, g.cells()).boxed().toList();
        assertThat(describe(CellAssigner.assign(cells, Reuse.SHOW_NEWEST, FIVE)))
                .isEqualTo(describe(CellAssigner.assign(cells, Reuse.SHOW_OLDEST, FIVE)));
    }

    @Test
    void aCellFreedAtTheSameInstantGoesToTheNewcomer() {
        List<SourceRecording> s = List.of(video("a", 0, 100), video("b", 100, 200));
        assertThat(describe(CellAssigner.assign(List.of(0), Reuse.SHOW_OLDEST, s)))
                .isEqualTo("a@0[0,100) b@0[100,200)");
    }
}
