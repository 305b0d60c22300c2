package dev.quorum.composer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reference layouts of the hosted service's documentation, applied to rooms of made-up
 * recordings: at given instants, which source lands in which rectangle, drawn in which order.
 */
class ReferenceLayoutsTest {

    static final Resolution HD = new Resolution(1280, 720);
    static final String MT = "MT" + "0123456789abcdef0123456789abcdef";
    static final String PA = "PA" + "fedcba9876543210fedcba9876543210";

    static SourceRecording video(String name, long from, long to) {
        return new SourceRecording(
                "RT" + String.format("%032x", name.hashCode() & 0xffffffffL),
                "MT-" + name,
                "PA-" + name,
                name,
                TrackKind.VIDEO,
                "VP8",
                Path.of(name),
                from,
                to - from);
    }

    static SourceRecording withSids(String name, String trackSid, String participantSid, long from, long to) {
        return new SourceRecording(
                "RT" + String.format("%032x", name.hashCode() & 0xffffffffL),
                trackSid,
                participantSid,
                name,
                TrackKind.VIDEO,
                "VP8",
                Path.of(name),
                from,
                to - from);
    }

    /** Track name → cell rectangle, in drawing order. */
    static Map<String, Rect> at(VideoSchedule s, long ms) {
        return s.at(ms).stream()
                .collect(Collectors.toMap(
                        p -> p.source().trackName(), Placement::cell, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    static VideoSchedule schedule(String json, Resolution res, List<SourceRecording> room) throws Exception {
        return VideoSchedule.build(VideoLayoutParser.parse(json, res), res, room);
    }

    @Test
    void transcodeAndSingleFillTheCanvas() throws Exception {
        SourceRecording cam = withSids("cam", MT, PA, 0, 1000);
        SourceRecording other = video("other", 0, 1000);
        Rect full = new Rect(0, 0, 640, 480);
        assertThat(at(
                        schedule(
                                "{\"transcode\":{\"video_sources\":[\"" + cam.recordingSid() + "\"]}}",
                                Resolution.DEFAULT,
                                List.of(cam, other)),
                        500))
                .containsExactly(Map.entry("cam", full));
        assertThat(at(
                        schedule(
                                "{\"single\":{\"video_sources\":[\"" + PA + "\"]}}",
                                Resolution.DEFAULT,
                                List.of(cam, other)),
                        500))
                .containsExactly(Map.entry("cam", full));
    }

    @Test
    void gridOfTheWholeRoomGrowsWithTheMostSimultaneousSources() throws Exception {
        List<SourceRecording> room = List.of(video("a", 0, 100), video("b", 0, 100), video("c", 50, 100));
        VideoSchedule s = schedule("{\"grid\":{\"video_sources\":[\"*\"]}}", Resolution.DEFAULT, room);
        assertThat(s.regions().get(0).grid()).isEqualTo(new GridSize(2, 2));
        assertThat(at(s, 10)).containsOnlyKeys("a", "b");
        assertThat(at(s, 60)).containsEntry("c", new Rect(0, 240, 320, 240));
    }

    @Test
    void sequenceShowsTheNewestTeacherVideo() throws Exception {
        List<SourceRecording> room = List.of(
                video("teacher-video-sess-1", 0, 100),
                video("teacher-video-sess-2", 60, 200),
                video("student", 0, 200));
        VideoSchedule s = schedule(
                "{\"sequence\":{\"max_rows\":1,\"max_columns\":1,\"reuse\":\"show_newest\","
                        + "\"video_sources\":[\"teacher-video-sess-*\"]}}",
                Resolution.DEFAULT,
                room);
        assertThat(at(s, 30)).containsOnlyKeys("teacher-video-sess-1");
        assertThat(at(s, 70)).containsOnlyKeys("teacher-video-sess-2");
        assertThat(at(s, 150)).containsOnlyKeys("teacher-video-sess-2");
    }

    @Test
    void pictureInPictureDrawsTheSmallRegionOnTop() throws Exception {
        List<SourceRecording> room = List.of(video("screen-presentation", 0, 100), withSids("cam", MT, PA, 0, 100));
        VideoSchedule s = schedule(
                "{\"main\":{\"z_pos\":1,\"video_sources\":\"screen-presentation\"},"
                        + "\"pip\":{\"z_pos\":2,\"x_pos\":1000,\"y_pos\":30,\"width\":240,\"height\":180,"
                        + "\"video_sources\":[\"" + MT + "\"]}}",
                HD,
                room);
        assertThat(at(s, 50))
                .containsExactly(
                        Map.entry("screen-presentation", new Rect(0, 0, 1280, 720)),
                        Map.entry("cam", new Rect(1000, 30, 240, 180)));
    }

    @Test
    void screenWithAStripOfEveryoneElse() throws Exception {
        List<SourceRecording> room = List.of(
                video("teacher-screen-video", 0, 100), video("s1", 0, 100), video("s2", 0, 100), video("s3", 0, 100));
        VideoSchedule s = schedule(
                "{\"main\":{\"z_pos\":1,\"video_sources\":[\"teacher-screen-video\"]},"
                        + "\"row\":{\"z_pos\":2,\"x_pos\":10,\"y_pos\":530,\"width\":1260,\"height\":160,\"max_rows\":1,"
                        + "\"video_sources\":[\"*\"],\"video_sources_excluded\":[\"teacher-screen-video\"]}}",
                HD,
                room);
        assertThat(s.regions().get(1).grid()).isEqualTo(new GridSize(1, 3));
        Map<String, Rect> now = at(s, 50);
        assertThat(now.keySet()).containsExactly("teacher-screen-video", "s1", "s2", "s3");
        assertThat(now.get("s1")).isEqualTo(new Rect(10, 530, 420, 160));
        assertThat(now.get("s3")).isEqualTo(new Rect(850, 530, 420, 160));
    }

    @Test
    void columnOfStudentsShowsTheFiveNewest() throws Exception {
        List<SourceRecording> room = List.of(
                video("teacher-screen-video", 0, 1000),
                video("student-1", 0, 1000),
                video("student-2", 10, 1000),
                video("student-3", 20, 1000),
                video("student-4", 30, 1000),
                video("student-5", 40, 1000),
                video("student-6", 50, 300));
        VideoSchedule s = schedule(
                "{\"main\":{\"z_pos\":1,\"video_sources\":[\"teacher-screen-video\"]},"
                        + "\"column\":{\"z_pos\":3,\"x_pos\":40,\"y_pos\":10,\"width\":190,\"height\":700,\"max_rows\":5,"
                        + "\"max_columns\":1,\"reuse\":\"show_newest\",\"video_sources\":[\"student-*\"]}}",
                HD,
                room);
        assertThat(s.regions().get(1).grid()).isEqualTo(new GridSize(5, 1));
        // Five cells, six students: the sixth takes over the cell whose student ends first; all
        // five shown end together, so the tie goes to the first cell in scan order.
        Map<String, Rect> at60 = at(s, 60);
        assertThat(at60).containsKey("student-6").doesNotContainKey("student-1");
        assertThat(at60.get("student-6")).isEqualTo(new Rect(40, 10, 190, 140));
        // When student-6 leaves, student-1 (displaced, still running) gets its cell back.
        assertThat(at(s, 400)).containsEntry("student-1", new Rect(40, 10, 190, 140));
    }

    @Test
    void mosaicLeavesTheCentreCellToTheInterviewed() throws Exception {
        List<SourceRecording> room = new java.util.ArrayList<>(List.of(video("interviewed-video", 0, 100)));
        for (int i = 1; i <= 8; i++) {
            room.add(video("interviewer-" + i, i, 100));
        }
        VideoSchedule s = schedule(
                "{\"interviewed\":{\"z_pos\":2,\"x_pos\":400,\"y_pos\":180,\"width\":480,"
                        + "\"height\":360,\"video_sources\":[\"interviewed-video\"]},\"interviewers\":{\"z_pos\":1,\"x_pos\":10,"
                        + "\"y_pos\":0,\"width\":1260,\"height\":720,\"max_rows\":3,\"max_columns\":3,\"cells_excluded\":[\"4\"],"
                        + "\"reuse\":\"show_newest\",\"video_sources\":[\"interviewer-*\"]}}",
                HD,
                room);
        Map<String, Rect> now = at(s, 50);
        assertThat(now).hasSize(9);
        assertThat(now.values()).doesNotContain(new Rect(430, 240, 420, 240));
        assertThat(now.get("interviewer-5")).isEqualTo(new Rect(850, 240, 420, 240));
        // The interviewed region has the higher z_pos: drawn last.
        assertThat(List.copyOf(now.keySet()).get(8)).isEqualTo("interviewed-video");
    }

    @Test
    void chessTableUsesCornersAndCentre() throws Exception {
        List<SourceRecording> room = List.of(
                video("p1", 0, 100),
                video("p2", 1, 100),
                video("p3", 2, 100),
                video("p4", 3, 100),
                video("p5", 4, 100));
        VideoSchedule s = schedule(
                "{\"chess_table\":{\"x_pos\":10,\"y_pos\":0,\"width\":1260,\"height\":720,"
                        + "\"max_rows\":3,\"max_columns\":3,\"reuse\":\"show_newest\",\"cells_excluded\":[\"1\",\"3\",\"5\",\"7\"],"
                        + "\"video_sources\":[\"*\"]}}",
                HD,
                room);
        RegionPlan r = s.regions().get(0);
        assertThat(r.grid()).isEqualTo(new GridSize(3, 3));
        assertThat(r.usableCells()).containsExactly(0, 2, 4, 6, 8);
        Map<String, Rect> now = at(s, 50);
        assertThat(now)
                .containsEntry("p1", r.cellRect(0))
                .containsEntry("p2", r.cellRect(2))
                .containsEntry("p3", r.cellRect(4))
                .containsEntry("p4", r.cellRect(6))
                .containsEntry("p5", r.cellRect(8));
    }
}
