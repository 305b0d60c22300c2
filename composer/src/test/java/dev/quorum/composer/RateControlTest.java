package dev.quorum.composer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quorum.composer.layout.ArchiveLayout;
import dev.quorum.composer.layout.LayoutTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The archive API's maxBitrate / quantizationParameter, and how a stored composition reads them back. */
class RateControlTest {

    @ParameterizedTest(name = "maxBitrate {0}, qp {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-,       -,  qp:19",
                "-,       15, qp:15",
                "-,       40, qp:40",
                "100000,  -,  cbr:100000",
                "6000000, -,  cbr:6000000",
            })
    void archiveOptions(Integer maxBitrate, Integer qp, String stored) throws Exception {
        RateControl r = RateControl.forArchive(maxBitrate, qp);
        assertThat(r.wireForm()).isEqualTo(stored);
        assertThat(RateControl.parse(stored)).isEqualTo(r);
    }

    @ParameterizedTest(name = "maxBitrate {0}, qp {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "1000000 | 20 | quantizationParameter | maxBitrate and quantizationParameter cannot both be set",
                "99999   | -  | maxBitrate | maxBitrate 99999 is out of range: it must be between 100000 and 6000000",
                "6000001 | -  | maxBitrate | maxBitrate 6000001 is out of range",
                "-       | 14 | quantizationParameter | quantizationParameter 14 is out of range: it must be between 15 and 40",
                "-       | 41 | quantizationParameter | quantizationParameter 41 is out of range",
            })
    void refusals(Integer maxBitrate, Integer qp, String parameter, String message) {
        InvalidCompositionException e =
                catchThrowableOfType(() -> RateControl.forArchive(maxBitrate, qp), InvalidCompositionException.class);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.parameter()).isEqualTo(parameter);
            assertThat(p.message()).startsWith(message);
        });
    }

    @Test
    void aStoredArchiveReadsBackItsLayoutsAndRateControl() throws Exception {
        CompositionRequest r = CompositionRequest.parseStored(
                "{\"type\":\"bestFit\",\"screenshareType\":\"pip\"}",
                List.of(new LayoutTimeline.Change(1_763_000_002_000L, "{\"type\":\"verticalPresentation\"}")),
                List.of("*"),
                List.of(),
                "1280x720",
                "mp4",
                true,
                "qp:23");
        assertThat(r.hasVideo()).isTrue();
        assertThat(r.videoLayout().isEmpty())
                .as("not a VideoLayout: the Compositions API shows none")
                .isTrue();
        assertThat(r.layouts().initial())
                .isEqualTo(ArchiveLayout.parseJson("{\"type\":\"bestFit\",\"screenshareType\":\"pip\"}"));
        assertThat(r.layouts().entries()).hasSize(2);
        assertThat(r.rateControl()).isEqualTo(RateControl.constantQp(23));
    }

    @Test
    void aConstantQpNeedsMp4() {
        InvalidCompositionException e = catchThrowableOfType(
                () -> CompositionRequest.parseStored(
                        "{\"type\":\"bestFit\"}", List.of(), List.of(), List.of(), null, "webm", true, "qp:23"),
                InvalidCompositionException.class);
        assertThat(e.getMessage()).isEqualTo("A constant quantizationParameter needs the mp4 format (H.264)");
    }

    @Test
    void theCompositionsApiStillRefusesArchiveLayouts() {
        InvalidCompositionException e = catchThrowableOfType(
                () -> CompositionRequest.parse("{\"type\":\"bestFit\"}", List.of(), null, null, null, null),
                InvalidCompositionException.class);
        assertThat(e.problems().get(0).parameter()).isEqualTo("VideoLayout");
    }
}
