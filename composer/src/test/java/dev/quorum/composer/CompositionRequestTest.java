package dev.quorum.composer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompositionRequestTest {

    static List<ValidationProblem> problems(String layout, List<String> audio, String res, String format) {
        try {
            CompositionRequest.parse(layout, audio, null, res, format, null);
        } catch (InvalidCompositionException e) {
            return e.problems();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void defaultsAreVgaWebmAndTrim() throws Exception {
        CompositionRequest r = CompositionRequest.parse(null, List.of("*"), null, null, null, null);
        assertThat(r.resolution()).isEqualTo(new Resolution(640, 480));
        assertThat(r.format()).isEqualTo(OutputFormat.WEBM);
        assertThat(r.trim()).isTrue();
        assertThat(r.videoLayout().isEmpty()).isTrue();
    }

    @Test
    void needsALayoutOrAudio() {
        assertThat(problems(null, List.of(), null, null))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs a VideoLayout"));
        assertThat(problems("{}", null, null, null))
                .singleElement()
                .satisfies(p -> assertThat(p.parameter()).isEqualTo("VideoLayout"));
    }

    @Test
    void impossibleResolutions() {
        assertThat(problems(null, List.of("*"), "2000x100", null).get(0).message())
                .isEqualTo("Resolution 2000x100 is out of range: each side must be between 16 and 1920 pixels");
        assertThat(problems(null, List.of("*"), "1920x1200", null).get(0).message())
                .contains("at most 2073600");
        assertThat(problems(null, List.of("*"), "8x8", null).get(0).parameter()).isEqualTo("Resolution");
        assertThat(problems(null, List.of("*"), "641x480", null).get(0).message())
                .contains("even");
        assertThat(problems(null, List.of("*"), "big", null).get(0).message()).contains("{width}x{height}");
    }

    @Test
    void fullHdAndPortraitAreAccepted() throws Exception {
        assertThat(Resolution.parse("1920x1080")).isEqualTo(new Resolution(1920, 1080));
        assertThat(Resolution.parse("1080x1920")).isEqualTo(new Resolution(1080, 1920));
        assertThat(Resolution.parse("1280x720")).isEqualTo(new Resolution(1280, 720));
        assertThat(Resolution.parse("16x16").pixels()).isEqualTo(256);
    }

    @Test
    void unknownFormat() {
        assertThat(problems(null, List.of("*"), null, "avi").get(0).message())
                .isEqualTo("Format 'avi' is not supported: use mp4 or webm");
    }

    @Test
    void layoutIsCheckedAgainstTheAskedResolution() {
        String pip = "{\"pip\":{\"x_pos\":1000,\"width\":240,\"video_sources\":[\"*\"]}}";
        assertThat(problems(pip, null, "640x480", "mp4").get(0).property()).isEqualTo("x_pos");
    }

    @Test
    void collectsProblemsOfEveryParameter() {
        assertThatThrownBy(() -> CompositionRequest.parse("{\"a\":{}}", List.of("x*y"), null, "1x1", "ogg", true))
                .isInstanceOfSatisfying(
                        InvalidCompositionException.class,
                        e -> assertThat(e.problems())
                                .extracting(ValidationProblem::parameter)
                                .containsExactlyInAnyOrder("Resolution", "Format", "VideoLayout", "AudioSources"));
    }
}
