package dev.quorum.composer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.ValidationProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The archive API's layout object: which combinations are accepted, and the error for each refusal. */
class ArchiveLayoutParseTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{\"type\":\"grid\"} | type | layout type 'grid' is not supported: use bestFit, pip, verticalPresentation,"
                        + " horizontalPresentation or custom",
                "{\"type\":\"BestFit\"} | type | layout type 'BestFit' is not supported",
                "{\"type\":\"custom\"} | stylesheet | layout type custom needs a stylesheet",
                "{\"type\":\"custom\",\"stylesheet\":\"  \"} | stylesheet | layout type custom needs a stylesheet",
                "{\"type\":\"pip\",\"stylesheet\":\"stream {}\"} | stylesheet | layout stylesheet is only allowed with type"
                        + " custom, not pip",
                "{\"type\":\"pip\",\"screenshareType\":\"bestFit\"} | screenshareType | layout screenshareType is only allowed"
                        + " with type bestFit, not pip",
                "{\"type\":\"bestFit\",\"screenshareType\":\"custom\"} | screenshareType | layout screenshareType 'custom' is"
                        + " not supported: use bestFit, pip, verticalPresentation or horizontalPresentation",
                "{\"type\":\"bestFit\",\"size\":3} | size | layout property 'size' is not supported: use type, stylesheet"
                        + " and screenshareType",
                "{\"type\":\"custom\",\"stylesheet\":7} | stylesheet | layout stylesheet must be a string",
                "{\"type\":\"custom\",\"stylesheet\":\"stream.main { border: 0; }\"} | stylesheet | layout stylesheet rule"
                        + " 'stream.main', property 'border': the property is not supported; the supported properties are"
                        + " width, height, min-width, min-height, max-width, max-height, left, right, top, bottom, margin,"
                        + " margin-top, margin-right, margin-bottom, margin-left, z-index, position, display, float,"
                        + " object-fit, overflow, clear",
            })
    void refusesNamingTheField(String json, String property, String message) {
        InvalidCompositionException e =
                catchThrowableOfType(() -> ArchiveLayout.parseJson(json), InvalidCompositionException.class);
        assertThat(e).as(json).isNotNull();
        ValidationProblem p = e.problems().get(0);
        assertThat(p.parameter()).isEqualTo("layout");
        assertThat(p.property()).isEqualTo(property);
        assertThat(p.message()).startsWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{\"type\":\"bestFit\"}",
                "{\"type\":\"bestFit\",\"screenshareType\":\"verticalPresentation\"}",
                "{\"type\":\"pip\",\"stylesheet\":null}",
                "{\"type\":\"custom\",\"stylesheet\":\"stream.instructor { position: absolute; width: 100%; height: 50%; }\"}",
            })
    void acceptsAndRoundTrips(String json) throws Exception {
        Layout parsed = Layout.parse(json);
        assertThat(parsed).isInstanceOf(ArchiveLayout.class);
        assertThat(Layout.parse(parsed.json())).isEqualTo(parsed);
    }

    @Test
    void aRegionNamedTypeIsStillARegionLayout() throws Exception {
        assertThat(Layout.parse("{\"type\":{\"video_sources\":[\"*\"]}}")).isInstanceOf(VideoLayout.class);
    }
}
