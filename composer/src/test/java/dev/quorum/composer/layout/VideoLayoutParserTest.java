package dev.quorum.composer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceSelector;
import dev.quorum.composer.ValidationProblem;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoLayoutParserTest {

    static final String RT = "RT" + "0123456789abcdef0123456789abcdef";
    static final String MT = "MT" + "0123456789abcdef0123456789abcdef";
    static final String PA = "PA" + "0123456789abcdef0123456789abcdef";

    static List<ValidationProblem> problems(String json, Resolution canvas) {
        try {
            VideoLayoutParser.parse(json, canvas);
        } catch (InvalidCompositionException e) {
            return e.problems();
        }
        throw new AssertionError("expected " + json + " to be refused");
    }

    static List<ValidationProblem> problems(String json) {
        return problems(json, Resolution.DEFAULT);
    }

    @Nested
    class ReferenceLayouts {

        @Test
        void transcodeOneTrack() throws Exception {
            VideoLayout l = VideoLayoutParser.parse("{\"transcode\":{\"video_sources\":[\"" + RT + "\"]}}");
            Region r = l.regions().get(0);
            assertThat(r.name()).isEqualTo("transcode");
            assertThat(r.videoSources())
                    .extracting(SourceSelector::kind)
                    .containsExactly(SourceSelector.Kind.RECORDING_SID);
            assertThat(r.bounds(Resolution.DEFAULT)).isEqualTo(new Rect(0, 0, 640, 480));
            assertThat(r.reuse()).isEqualTo(Reuse.SHOW_OLDEST);
        }

        @Test
        void singleParticipant() throws Exception {
            VideoLayout l = VideoLayoutParser.parse("{\"single\":{\"video_sources\":[\"" + PA + "\"]}}");
            assertThat(l.regions().get(0).videoSources().get(0).kind()).isEqualTo(SourceSelector.Kind.PARTICIPANT_SID);
        }

        @Test
        void sequence() throws Exception {
            VideoLayout l = VideoLayoutParser.parse("{\"sequence\":{\"max_rows\":1,\"max_columns\":1,"
                    + "\"reuse\":\"show_newest\",\"video_sources\":[\"teacher-video-sess-*\"]}}");
            Region r = l.regions().get(0);
            assertThat(r.maxRows()).isEqualTo(1);
            assertThat(r.maxColumns()).isEqualTo(1);
            assertThat(r.reuse()).isEqualTo(Reuse.SHOW_NEWEST);
            assertThat(r.videoSources().get(0).kind()).isEqualTo(SourceSelector.Kind.NAME_PREFIX);
        }

        @Test
        void pictureInPictureAcceptsABareStringSource() throws Exception {
            VideoLayout l = VideoLayoutParser.parse(
                    "{\"main\":{\"z_pos\":1,\"video_sources\":\"screen-presentation\"},"
                            + "\"pip\":{\"z_pos\":2,\"x_pos\":1000,\"y_pos\":30,\"width\":240,\"height\":180,"
                            + "\"video_sources\":[\"" + MT + "\"]}}",
                    new Resolution(1280, 720));
            assertThat(l.regions()).extracting(Region::name).containsExactly("main", "pip");
            assertThat(l.regions().get(0).videoSources())
                    .extracting(SourceSelector::text)
                    .containsExactly("screen-presentation");
            assertThat(l.regions().get(1).bounds(new Resolution(1280, 720))).isEqualTo(new Rect(1000, 30, 240, 180));
        }

        @Test
        void screenStripAndColumn() throws Exception {
            VideoLayout l = VideoLayoutParser.parse(
                    "{\"main\":{\"z_pos\":1,\"video_sources\":[\"teacher-screen-video\"]},"
                            + "\"row\":{\"z_pos\":2,\"x_pos\":10,\"y_pos\":530,\"width\":1260,\"height\":160,\"max_rows\":1,"
                            + "\"video_sources\":[\"*\"],\"video_sources_excluded\":[\"teacher-screen-video\"]},"
                            + "\"column\":{\"z_pos\":3,\"x_pos\":40,\"y_pos\":10,\"width\":190,\"height\":700,\"max_rows\":5,"
                            + "\"max_columns\":1,\"reuse\":\"show_newest\",\"video_sources\":[\"student-*\"]}}",
                    new Resolution(1280, 720));
            assertThat(l.regions()).hasSize(3);
            assertThat(l.regions().get(1).videoSourcesExcluded())
                    .extracting(SourceSelector::text)
                    .containsExactly("teacher-screen-video");
        }

        @Test
        void mosaicWithAStringCellNumber() throws Exception {
            VideoLayout l = VideoLayoutParser.parse(
                    "{\"interviewed\":{\"z_pos\":2,\"x_pos\":400,\"y_pos\":180,"
                            + "\"width\":480,\"height\":360,\"video_sources\":[\"interviewed-video\"]},"
                            + "\"interviewers\":{\"z_pos\":1,\"x_pos\":10,\"y_pos\":0,\"width\":1260,\"height\":720,"
                            + "\"max_rows\":3,\"max_columns\":3,\"cells_excluded\":[\"4\"],\"reuse\":\"show_newest\","
                            + "\"video_sources\":[\"interviewer-*\"]}}",
                    new Resolution(1280, 720));
            assertThat(l.regions().get(1).cellsExcluded()).containsExactly(4);
        }

        @Test
        void chessTable() throws Exception {
            VideoLayout l = VideoLayoutParser.parse(
                    "{\"chess_table\":{\"x_pos\":10,\"y_pos\":0,\"width\":1260,"
                            + "\"height\":720,\"max_rows\":3,\"max_columns\":3,\"reuse\":\"show_newest\","
                            + "\"cells_excluded\":[\"1\",\"3\",\"5\",\"7\"],\"video_sources\":[\"*\"]}}",
                    new Resolution(1280, 720));
            assertThat(l.regions().get(0).cellsExcluded()).containsExactly(1, 3, 5, 7);
        }
    }

    @Nested
    class EchoedForm {

        @Test
        void listsEveryPropertyWithDefaultsAndNulls() throws Exception {
            String echo = VideoLayoutParser.parse("{\"grid\":{\"video_sources\":[\"*\"]}}")
                    .echoJson();
            assertThat(echo)
                    .isEqualTo("{\"grid\":{\"z_pos\":0,\"reuse\":\"show_oldest\",\"x_pos\":0,"
                            + "\"max_columns\":null,\"cells_excluded\":[],\"video_sources_excluded\":[],\"height\":null,"
                            + "\"width\":null,\"max_rows\":null,\"y_pos\":0,\"video_sources\":[\"*\"]}}");
        }

        @Test
        void parsesBackToTheSameLayout() throws Exception {
            VideoLayout l = VideoLayoutParser.parse("{\"a\":{\"x_pos\":\"8\",\"width\":100,\"max_rows\":2,"
                    + "\"cells_excluded\":[\"3\",1,1],\"reuse\":\"none\",\"video_sources\":\"x*\","
                    + "\"video_sources_excluded\":\"xy\"},\"b\":{\"z_pos\":-5,\"video_sources\":[\"*\"]}}");
            VideoLayout again = VideoLayoutParser.parse(l.echoJson());
            assertThat(again).isEqualTo(l);
            assertThat(l.regions().get(0).cellsExcluded()).containsExactly(1, 3);
        }

        @Test
        void emptyLayoutIsAudioOnlyAndEchoesAsEmptyObject() throws Exception {
            assertThat(VideoLayoutParser.parse("{}").isEmpty()).isTrue();
            assertThat(VideoLayoutParser.parse(null).isEmpty()).isTrue();
            assertThat(VideoLayout.empty().echoJson()).isEqualTo("{}");
        }
    }

    @Nested
    class Refusals {

        @Test
        void malformedJson() {
            assertThat(problems("{\"grid\":{\"video_sources\":[\"*\"]").get(0).message())
                    .startsWith("VideoLayout is not valid JSON");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"grid\"", "42"})
        void notAnObject(String json) {
            assertThat(problems(json).get(0).message()).contains("must be a JSON object");
        }

        @Test
        void missingVideoSourcesNamesRegionAndProperty() {
            ValidationProblem p = problems("{\"main\":{\"x_pos\":0}}").get(0);
            assertThat(p.parameter()).isEqualTo("VideoLayout");
            assertThat(p.region()).isEqualTo("main");
            assertThat(p.property()).isEqualTo("video_sources");
            assertThat(p.message())
                    .isEqualTo("VideoLayout region 'main': video_sources is required: "
                            + "name the video to show, e.g. [\"*\"]");
        }

        @Test
        void everyFaultIsReportedAtOnce() {
            List<ValidationProblem> p = problems("{\"a\":{\"z_pos\":100,\"reuse\":\"newest\",\"max_rows\":0,"
                    + "\"video_sources\":[\"*\"],\"colour\":\"red\"},\"b\":{\"width\":\"wide\",\"video_sources\":[]}}");
            assertThat(p)
                    .extracting(ValidationProblem::region, ValidationProblem::property)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("a", "colour"),
                            org.assertj.core.groups.Tuple.tuple("a", "z_pos"),
                            org.assertj.core.groups.Tuple.tuple("a", "reuse"),
                            org.assertj.core.groups.Tuple.tuple("a", "max_rows"),
                            org.assertj.core.groups.Tuple.tuple("b", "width"),
                            org.assertj.core.groups.Tuple.tuple("b", "video_sources"));
        }

        @Test
        void regionMustFitTheCanvas() {
            List<ValidationProblem> p = problems(
                    "{\"pip\":{\"x_pos\":1100,\"y_pos\":30,\"width\":240,"
                            + "\"height\":180,\"video_sources\":[\"*\"]}}",
                    new Resolution(1280, 720));
            assertThat(p).singleElement().satisfies(x -> {
                assertThat(x.property()).isEqualTo("x_pos");
                assertThat(x.message())
                        .isEqualTo("VideoLayout region 'pip': x_pos 1100 plus width 240 "
                                + "exceeds the composition width 1280 (x_pos at most 1040)");
            });
        }

        @Test
        void absentSizeCountsAsSixteenForThePosition() throws Exception {
            VideoLayoutParser.parse("{\"r\":{\"x_pos\":624,\"video_sources\":[\"*\"]}}", Resolution.DEFAULT);
            assertThat(problems("{\"r\":{\"x_pos\":625,\"video_sources\":[\"*\"]}}")
                            .get(0)
                            .property())
                    .isEqualTo("x_pos");
            assertThat(problems("{\"r\":{\"y_pos\":465,\"video_sources\":[\"*\"]}}")
                            .get(0)
                            .property())
                    .isEqualTo("y_pos");
        }

        @Test
        void regionLargerThanTheCanvas() {
            assertThat(problems("{\"r\":{\"height\":481,\"video_sources\":[\"*\"]}}")
                            .get(0)
                            .property())
                    .isEqualTo("height");
        }

        @Test
        void tooSmallRegionsAndNegativePositions() {
            assertThat(problems("{\"r\":{\"width\":15,\"x_pos\":-1,\"video_sources\":[\"*\"]}}"))
                    .extracting(ValidationProblem::property)
                    .containsExactlyInAnyOrder("width", "x_pos");
        }

        @Test
        void wildcardInsideANameAndNonStringSources() {
            assertThat(problems("{\"r\":{\"video_sources\":[\"stu*dent\", 5]}}"))
                    .extracting(ValidationProblem::property)
                    .containsExactly("video_sources", "video_sources");
        }

        @Test
        void badCellNumbers() {
            assertThat(problems("{\"r\":{\"cells_excluded\":[\"one\"],\"video_sources\":[\"*\"]}}")
                            .get(0)
                            .property())
                    .isEqualTo("cells_excluded");
            assertThat(problems("{\"r\":{\"cells_excluded\":[1000000],\"video_sources\":[\"*\"]}}")
                            .get(0)
                            .property())
                    .isEqualTo("cells_excluded");
        }

        @Test
        void fractionsAreNotIntegers() {
            assertThat(problems("{\"r\":{\"x_pos\":1.5,\"video_sources\":[\"*\"]}}")
                            .get(0)
                            .message())
                    .contains("x_pos must be an integer");
        }

        @Test
        void aWildcardInsideANameIsNamedInOneReadableSentence() {
            assertThatThrownBy(() -> VideoLayoutParser.parse("{\"r\":{\"video_sources\":[\"cam*era\"]}}"))
                    .isInstanceOf(InvalidCompositionException.class)
                    .hasMessage("VideoLayout region 'r': video_sources: source 'cam*era' has a '*' inside the name;"
                            + " a wildcard may only open or close it");
        }

        @Test
        void regionMustBeAnObject() {
            assertThatThrownBy(() -> VideoLayoutParser.parse("{\"r\":[1]}"))
                    .isInstanceOf(InvalidCompositionException.class)
                    .hasMessage("VideoLayout region 'r': must be a JSON object of region properties");
        }
    }
}
