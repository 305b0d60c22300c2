package dev.quorum.composer.layout;

import static dev.quorum.composer.layout.LayoutFixtures.at;
import static dev.quorum.composer.layout.LayoutFixtures.cam;
import static dev.quorum.composer.layout.LayoutFixtures.cams;
import static dev.quorum.composer.layout.LayoutFixtures.classes;
import static dev.quorum.composer.layout.LayoutFixtures.schedule;
import static dev.quorum.composer.layout.LayoutFixtures.screen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.css.ObjectFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The predefined archive layouts against the reference geometry of the archive API (percentages
 * of the canvas), on every canvas the archive API offers, and their capacities.
 */
class ArchiveLayoutsTest {

    static final Resolution SD = new Resolution(640, 480);

    static Resolution res(String s) {
        String[] p = s.split("x");
        return new Resolution(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    static String rects(Map<String, Rect> placed) {
        List<String> out = new ArrayList<>();
        placed.forEach((name, r) -> out.add(name + "=" + r.x() + "," + r.y() + "," + r.width() + "x" + r.height()));
        return String.join(" ", out);
    }

    @ParameterizedTest(name = "bestFit {0} streams on {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // 1 → 100%; 2 → 50%×100%; 3–4 → 50%×50%; 5–9 → 33.33%; 10–16 → 25%.
                "1  | 640x480   | c1=0,0,640x480",
                "2  | 640x480   | c1=0,0,320x480 c2=320,0,320x480",
                "3  | 640x480   | c1=0,0,320x240 c2=320,0,320x240 c3=0,240,320x240",
                "4  | 640x480   | c1=0,0,320x240 c2=320,0,320x240 c3=0,240,320x240 c4=320,240,320x240",
                "5  | 640x480   | c1=0,0,213x160 c2=213,0,214x160 c3=427,0,213x160 c4=0,160,213x160 c5=213,160,214x160",
                "9  | 640x480   | c1=0,0,213x160 c2=213,0,214x160 c3=427,0,213x160 c4=0,160,213x160 c5=213,160,214x160"
                        + " c6=427,160,213x160 c7=0,320,213x160 c8=213,320,214x160 c9=427,320,213x160",
                "10 | 640x480   | c1=0,0,160x120 c2=160,0,160x120 c3=320,0,160x120 c4=480,0,160x120 c5=0,120,160x120"
                        + " c6=160,120,160x120 c7=320,120,160x120 c8=480,120,160x120 c9=0,240,160x120 c10=160,240,160x120",
                "2  | 1280x720  | c1=0,0,640x720 c2=640,0,640x720",
                "4  | 1080x1920 | c1=0,0,540x960 c2=540,0,540x960 c3=0,960,540x960 c4=540,960,540x960",
                "6  | 1920x1080 | c1=0,0,640x360 c2=640,0,640x360 c3=1280,0,640x360 c4=0,360,640x360 c5=640,360,640x360"
                        + " c6=1280,360,640x360",
            })
    void bestFitTilesByCount(int n, String canvas, String expected) {
        VideoSchedule s = schedule(ArchiveLayout.bestFit(), res(canvas), cams(n), StreamClasses.NONE);
        assertThat(rects(at(s, 50_000))).isEqualTo(expected);
    }

    @Test
    void bestFitShowsSixteenInAFourByFourGrid() {
        VideoSchedule s = schedule(ArchiveLayout.bestFit(), SD, cams(20), StreamClasses.NONE);
        Map<String, Rect> placed = at(s, 50_000);
        assertThat(placed).hasSize(16).doesNotContainKeys("c17", "c18", "c19", "c20");
        assertThat(placed.get("c16")).isEqualTo(new Rect(480, 360, 160, 120));
    }

    @Test
    void pipShowsTheFullStreamAndTheFirstOtherAsATileOnTop() {
        List<SourceRecording> room = cams(4);
        VideoSchedule s = schedule(ArchiveLayout.of(ArchiveLayoutType.PIP), SD, room, classes("c3", 0, "full"));
        // full: 100% (z-index 100); the first other: 20% x 20%, 10% from the right and the top (z-index 200).
        assertThat(rects(at(s, 50_000))).isEqualTo("c3=0,0,640x480 c1=448,48,128x96");
        assertThat(s.at(LayoutFixtures.T0 + 50_000)).extracting(Placement::zPos).containsExactly(100, 200);
    }

    @Test
    void pipWithoutAFullStreamShowsOnlyTheCornerTile() {
        VideoSchedule s = schedule(
                ArchiveLayout.of(ArchiveLayoutType.PIP), new Resolution(1280, 720), cams(3), StreamClasses.NONE);
        assertThat(rects(at(s, 50_000))).isEqualTo("c1=896,72,256x144");
    }

    @ParameterizedTest(name = "verticalPresentation on {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // focus: left 20%, 80% wide, full height; others: a left column 20% wide, capacity 5 (7 at 1920x1080,
                // portrait 8, 10 at 1080x1920).
                "640x480   | 5  | c2=0,0,128x96 c3=0,96,128x96 c4=0,192,128x96 c5=0,288,128x96 c6=0,384,128x96"
                        + " c1=128,0,512x480",
                "1280x720  | 5  | c2=0,0,256x144 c3=0,144,256x144 c4=0,288,256x144 c5=0,432,256x144 c6=0,576,256x144"
                        + " c1=256,0,1024x720",
                "1920x1080 | 7  | c2=0,0,384x154 c3=0,154,384x155 c4=0,309,384x154 c5=0,463,384x154 c6=0,617,384x154"
                        + " c7=0,771,384x155 c8=0,926,384x154 c1=384,0,1536x1080",
                "480x640   | 8  | c2=0,0,96x80 c3=0,80,96x80 c4=0,160,96x80 c5=0,240,96x80 c6=0,320,96x80 c7=0,400,96x80"
                        + " c8=0,480,96x80 c9=0,560,96x80 c1=96,0,384x640",
                "1080x1920 | 10 | c2=0,0,216x192 c3=0,192,216x192 c4=0,384,216x192 c5=0,576,216x192 c6=0,768,216x192"
                        + " c7=0,960,216x192 c8=0,1152,216x192 c9=0,1344,216x192 c10=0,1536,216x192 c11=0,1728,216x192"
                        + " c1=216,0,864x1920",
            })
    void verticalPresentationPutsTheFocusRightAndOthersInAColumn(String canvas, int capacity, String expected) {
        VideoSchedule s = schedule(
                ArchiveLayout.of(ArchiveLayoutType.VERTICAL_PRESENTATION),
                res(canvas),
                cams(14),
                classes("c1", 0, "focus"));
        Map<String, Rect> placed = at(s, 50_000);
        assertThat(placed).hasSize(1 + capacity);
        assertThat(rects(placed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "horizontalPresentation on {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // focus: top, full width, 80% high; others: a row along the bottom 20% high, capacity 5 (7 at
                // 1920x1080, portrait 3).
                "640x480   | c2=0,384,128x96 c3=128,384,128x96 c4=256,384,128x96 c5=384,384,128x96 c6=512,384,128x96"
                        + " c1=0,0,640x384",
                "1280x720  | c2=0,576,256x144 c3=256,576,256x144 c4=512,576,256x144 c5=768,576,256x144 c6=1024,576,256x144"
                        + " c1=0,0,1280x576",
                "1920x1080 | c2=0,864,274x216 c3=274,864,275x216 c4=549,864,274x216 c5=823,864,274x216 c6=1097,864,274x216"
                        + " c7=1371,864,275x216 c8=1646,864,274x216 c1=0,0,1920x864",
                "480x640   | c2=0,512,160x128 c3=160,512,160x128 c4=320,512,160x128 c1=0,0,480x512",
                "720x1280  | c2=0,1024,240x256 c3=240,1024,240x256 c4=480,1024,240x256 c1=0,0,720x1024",
            })
    void horizontalPresentationPutsTheFocusOnTopAndOthersInARow(String canvas, String expected) {
        VideoSchedule s = schedule(
                ArchiveLayout.of(ArchiveLayoutType.HORIZONTAL_PRESENTATION),
                res(canvas),
                cams(10),
                classes("c1", 0, "focus"));
        assertThat(rects(at(s, 50_000))).isEqualTo(expected);
    }

    @Test
    void customStylesheetPlacesStreamsByClassWithItsFitAndZIndex() throws Exception {
        ArchiveLayout custom = ArchiveLayout.parse(
                "custom",
                "stream.instructor { position: absolute; top: 0; margin: 0;"
                        + " width: 100%; height: 50%; object-fit: cover; } stream { float: left; margin-top: 240px; width: 25%; height: 50%;"
                        + " } stream.tiny { position: absolute; right: 0; bottom: 0; width: 10%; height: 10%; z-index: 3; }",
                null);
        List<SourceRecording> room = cams(4);
        VideoSchedule s = schedule(custom, SD, room, classes("c2", 0, "instructor", "c4", 0, "tiny"));
        // c2 and c4 have classes: the upper tier, first in the document; then c1 and c3 by join order. The
        // floats' 240 px top margin also applies to absolutely positioned streams that do not reset it.
        Map<String, Rect> placed = at(s, 50_000);
        assertThat(rects(placed)).isEqualTo("c1=0,240,160x240 c3=160,240,160x240 c2=0,0,640x240 c4=576,432,64x48");
        assertThat(s.at(LayoutFixtures.T0 + 50_000))
                .filteredOn(p -> p.source().trackName().equals("c2"))
                .extracting(Placement::fit)
                .containsExactly(ObjectFit.COVER);
    }

    @Test
    void screenshareTypeSwitchesWhileAScreenIsLive() throws Exception {
        ArchiveLayout layout = ArchiveLayout.parse("bestFit", null, "pip");
        // Alice's camera joined last but shares her screen from 10 s to 20 s.
        List<SourceRecording> room = List.of(
                cam("bob", "PA-b", 0, 30_000),
                cam("carol", "PA-c", 1000, 30_000),
                cam("alice", "PA-a", 2000, 30_000),
                screen("alice-screen", "PA-a", 10_000, 20_000));
        VideoSchedule s = schedule(layout, SD, room, StreamClasses.NONE);
        assertThat(rects(at(s, 5000))).isEqualTo("bob=0,0,320x240 carol=320,0,320x240 alice=0,240,320x240");
        // The screen full size; the sharer's camera (ranked next) in the corner.
        assertThat(rects(at(s, 15_000))).isEqualTo("alice-screen=0,0,640x480 alice=448,48,128x96");
        assertThat(rects(at(s, 25_000))).isEqualTo("bob=0,0,320x240 carol=320,0,320x240 alice=0,240,320x240");
    }

    @Test
    void screenshareBestFitShowsOnlyScreens() throws Exception {
        ArchiveLayout layout = ArchiveLayout.parse(null, null, "bestFit");
        List<SourceRecording> room = List.of(
                cam("bob", "PA-b", 0, 30_000),
                screen("s1", "PA-a", 10_000, 20_000),
                screen("s2", "PA-b", 12_000, 20_000));
        VideoSchedule s = schedule(layout, SD, room, StreamClasses.NONE);
        assertThat(rects(at(s, 11_000))).isEqualTo("s1=0,0,640x480");
        assertThat(rects(at(s, 15_000))).isEqualTo("s1=0,0,320x480 s2=320,0,320x480");
    }

    @Test
    void screenshareTakesTheFocusFromAFocusClass() throws Exception {
        ArchiveLayout layout = ArchiveLayout.parse("bestFit", null, "verticalPresentation");
        List<SourceRecording> room = List.of(
                cam("bob", "PA-b", 0, 30_000),
                cam("carol", "PA-c", 0, 30_000),
                screen("alice-screen", "PA-a", 10_000, 20_000));
        VideoSchedule s = schedule(layout, SD, room, classes("bob", 0, "focus"));
        assertThat(rects(at(s, 15_000))).isEqualTo("bob=0,0,128x96 carol=0,96,128x96 alice-screen=128,0,512x480");
    }

    @Test
    void aStreamRecordedInTwoFilesIsOneStreamWithItsOriginalJoinOrder() {
        // c1 reconnects at 10 s: its second recording does not move it behind c2.
        List<SourceRecording> room =
                List.of(cam("c1", "PA-1", 0, 5000), cam("c2", "PA-2", 1000, 30_000), cam("c1", "PA-1", 10_000, 30_000));
        VideoSchedule s = schedule(ArchiveLayout.bestFit(), SD, room, StreamClasses.NONE);
        assertThat(rects(at(s, 7000))).isEqualTo("c2=0,0,640x480");
        assertThat(rects(at(s, 12_000))).isEqualTo("c1=0,0,320x480 c2=320,0,320x480");
        assertThat(s.at(LayoutFixtures.T0 + 12_000).get(0).source().offsetMs()).isEqualTo(LayoutFixtures.T0 + 10_000);
    }
}
