package dev.quorum.composer.layout;

import static dev.quorum.composer.layout.LayoutFixtures.T0;
import static dev.quorum.composer.layout.LayoutFixtures.at;
import static dev.quorum.composer.layout.LayoutFixtures.cam;
import static dev.quorum.composer.layout.LayoutFixtures.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layouts changing over time, and stream classes changing over time, resolved without media. */
class LayoutTimelineTest {

    static final Resolution SD = new Resolution(640, 480);
    final List<SourceRecording> room =
            List.of(cam("a", "PA-a", 0, 60_000), cam("b", "PA-b", 1000, 60_000), cam("c", "PA-c", 2000, 60_000));

    static Layout parse(String json) throws InvalidCompositionException {
        return Layout.parse(json);
    }

    @Test
    void eachLayoutHoldsFromItsInstantUntilTheNext() throws Exception {
        LayoutTimeline t = LayoutTimeline.of(ArchiveLayout.bestFit())
                .with(T0 + 10_000, parse("{\"type\":\"pip\"}"))
                .with(
                        T0 + 20_010,
                        parse("{\"type\":\"custom\",\"stylesheet\":\"stream { float: right; width: 10%;"
                                + " height: 10%; }\"}"));
        VideoSchedule s = VideoSchedule.build(t, SD, room, classes("b", 0, "full"));
        assertThat(at(s, 9_999)).hasSize(3).containsEntry("a", new Rect(320, 0, 320, 240));
        assertThat(at(s, 10_000))
                .containsOnly(Map.entry("b", new Rect(0, 0, 640, 480)), Map.entry("a", new Rect(448, 48, 128, 96)));
        assertThat(at(s, 20_009)).hasSize(2);
        assertThat(at(s, 20_010))
                .containsOnly(
                        Map.entry("b", new Rect(576, 0, 64, 48)),
                        Map.entry("a", new Rect(512, 0, 64, 48)),
                        Map.entry("c", new Rect(448, 0, 64, 48)));
    }

    @Test
    void classChangesMoveStreamsAtTheirInstant() throws Exception {
        StreamClasses cls = classes("a", 0, "full", "a", 30_000, "", "c", 30_000, "full");
        VideoSchedule s = VideoSchedule.build(LayoutTimeline.of(parse("{\"type\":\"pip\"}")), SD, room, cls);
        assertThat(at(s, 29_999)).containsOnlyKeys("a", "b").containsEntry("a", new Rect(0, 0, 640, 480));
        assertThat(at(s, 30_000))
                .containsOnlyKeys("c", "a")
                .containsEntry("c", new Rect(0, 0, 640, 480))
                .containsEntry("a", new Rect(448, 48, 128, 96));
    }

    @Test
    void aRegionLayoutAfterAChangeAssignsCellsFromThatInstant() throws Exception {
        // With reuse none, a one-cell region shows its first source; from the change on, the first
        // source live at the change (by start order) takes it, not one that ended before.
        List<SourceRecording> staggered = List.of(
                cam("early", "PA-1", 0, 5_000), cam("mid", "PA-2", 3_000, 60_000), cam("late", "PA-3", 4_000, 60_000));
        LayoutTimeline t = LayoutTimeline.of(ArchiveLayout.bestFit())
                .with(
                        T0 + 10_000,
                        parse(
                                "{\"one\":{\"max_rows\":1,\"max_columns\":1,\"reuse\":\"none\",\"video_sources\":[\"*\"]}}"));
        VideoSchedule s = VideoSchedule.build(t, SD, staggered, StreamClasses.NONE);
        assertThat(at(s, 6_000)).containsOnlyKeys("mid", "late");
        assertThat(at(s, 10_000)).containsOnly(Map.entry("mid", new Rect(0, 0, 640, 480)));
        assertThat(s.regions())
                .singleElement()
                .satisfies(r -> assertThat(r.grid()).isEqualTo(new GridSize(1, 1)));
    }

    @Test
    void theLaterOfTwoChangesAtOneInstantWins() throws Exception {
        LayoutTimeline t = LayoutTimeline.of(ArchiveLayout.bestFit())
                .with(T0 + 5000, parse("{\"type\":\"pip\"}"))
                .with(T0 + 5000, parse("{\"type\":\"horizontalPresentation\"}"));
        assertThat(t.at(T0 + 5000)).isEqualTo(ArchiveLayout.of(ArchiveLayoutType.HORIZONTAL_PRESENTATION));
        VideoSchedule s = VideoSchedule.build(t, SD, room, StreamClasses.NONE);
        assertThat(at(s, 5000).get("a")).isEqualTo(new Rect(0, 384, 128, 96));
    }

    @Test
    void changesMadeOutOfOrderTakeEffectInTimeOrder() throws Exception {
        LayoutTimeline t = LayoutTimeline.of(ArchiveLayout.bestFit())
                .with(T0 + 8000, parse("{\"type\":\"pip\"}"))
                .with(T0 + 4000, parse("{\"type\":\"verticalPresentation\"}"));
        assertThat(t.entries())
                .extracting(LayoutTimeline.Entry::atMs)
                .containsExactly(LayoutTimeline.FROM_START, T0 + 4000, T0 + 8000);
    }

    @Test
    void anEmptyLayoutInTheMiddleLeavesTheCanvasBlack() throws Exception {
        LayoutTimeline t = LayoutTimeline.of(ArchiveLayout.bestFit())
                .with(T0 + 5000, VideoLayout.empty())
                .with(T0 + 7000, ArchiveLayout.bestFit());
        VideoSchedule s = VideoSchedule.build(t, SD, room, StreamClasses.NONE);
        assertThat(at(s, 6000)).isEmpty();
        assertThat(at(s, 7000)).hasSize(3);
        assertThat(t.hasVideo()).isTrue();
    }

    @Test
    void storedFormRoundTripsAndNamesTheFaultyChange() throws Exception {
        LayoutTimeline t = LayoutTimeline.of(parse("{\"grid\":{\"video_sources\":[\"*\"]}}"))
                .with(T0 + 1000, parse("{\"type\":\"bestFit\",\"screenshareType\":\"pip\"}"));
        assertThat(LayoutTimeline.parse(t.initial().json(), t.changes())).isEqualTo(t);

        InvalidCompositionException e = catchThrowableOfType(
                () -> LayoutTimeline.parse(
                        "{\"type\":\"bestFit\"}",
                        List.of(new LayoutTimeline.Change(
                                T0 + 1000, "{\"type\":\"custom\",\"stylesheet\":\"stream > .a {}\"}"))),
                InvalidCompositionException.class);
        assertThat(e.getMessage())
                .isEqualTo(
                        "layout change at " + (T0 + 1000) + ": layout stylesheet rule"
                                + " 'stream > .a': the child combinator '>' is not supported; select streams by class, or use '+' or '~'");
        assertThat(e.problems().get(0).property()).isEqualTo("stylesheet");
    }
}
