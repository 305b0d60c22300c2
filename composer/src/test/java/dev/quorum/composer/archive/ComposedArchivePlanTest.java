package dev.quorum.composer.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.RateControl;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.layout.ArchiveLayout;
import dev.quorum.composer.timeline.Window;
import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.archive.ArchiveLayoutChange;
import dev.quorum.storage.composition.CompositionWindow;
import dev.quorum.storage.composition.LayoutChange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stopped composed archive becomes the composition of its own window, layouts, media and rate control. */
class ComposedArchivePlanTest {

    static final Instant REQUESTED = Instant.ofEpochMilli(1_763_000_000_000L);
    static final Instant RECORDING = REQUESTED.plusMillis(700);
    static final Instant STOPPED = REQUESTED.plusMillis(12_345);
    static final String CUSTOM = "{\"type\":\"custom\",\"stylesheet\":\"stream.a { width: 50%; height: 50%; }\"}";

    static Archive archive(boolean audio, boolean video, String resolution, Integer maxBitrate, Integer qp) {
        return new Archive(
                "a1",
                "4711",
                "AC1",
                "S1",
                "RM1",
                null,
                Archive.STOPPED,
                "user initiated",
                Archive.COMPOSED,
                Archive.AUTO,
                audio,
                video,
                resolution,
                CUSTOM,
                null,
                maxBitrate,
                qp,
                false,
                REQUESTED,
                RECORDING,
                STOPPED,
                STOPPED,
                11_645,
                0,
                11_645L,
                null,
                null,
                null,
                null,
                STOPPED,
                null);
    }

    static List<ArchiveLayoutChange> timeline() {
        return List.of(
                new ArchiveLayoutChange("a1", 0, REQUESTED, "{\"type\":\"bestFit\"}"),
                new ArchiveLayoutChange(
                        "a1", 1, REQUESTED.plusMillis(4000), "{\"screenshareType\":null,\"type\":\"pip\"}"),
                new ArchiveLayoutChange("a1", 2, REQUESTED.plusMillis(8000), CUSTOM));
    }

    @Test
    void theWindowRunsFromTheFirstRecordedMediaToTheStopWithEveryLayoutChangeAtItsMoment() throws Exception {
        ComposedArchivePlan.Plan plan = ComposedArchivePlan.of(archive(true, true, "1280x720", null, null), timeline());
        assertThat(plan.window()).isEqualTo(new CompositionWindow(RECORDING.toEpochMilli(), STOPPED.toEpochMilli()));
        assertThat(plan.spec().videoLayoutJson()).isEqualTo("{\"type\":\"bestFit\"}");
        assertThat(plan.changes())
                .containsExactly(
                        new LayoutChange(REQUESTED.toEpochMilli() + 4000, "{\"type\":\"pip\"}"),
                        new LayoutChange(REQUESTED.toEpochMilli() + 8000, CUSTOM));
        assertThat(plan.spec().audioSources()).containsExactly("*");
        assertThat(plan.spec().resolution()).isEqualTo("1280x720");
        assertThat(plan.spec().format()).isEqualTo("mp4");
        assertThat(plan.spec().trim()).isFalse();
        assertThat(plan.spec().statusCallback()).isNull();
        assertThat(plan.spec().videoRateControl()).as("neither given: QP 19").isEqualTo("qp:19");

        CompositionRequest r = plan.request();
        assertThat(r.window()).isEqualTo(new Window(RECORDING.toEpochMilli(), STOPPED.toEpochMilli()));
        assertThat(r.resolution()).isEqualTo(new Resolution(1280, 720));
        assertThat(r.layouts().entries()).hasSize(3);
        assertThat(r.layouts().at(REQUESTED.toEpochMilli() + 5000))
                .isEqualTo(ArchiveLayout.parseJson("{\"type\":\"pip\"}"));
        assertThat(r.rateControl()).isEqualTo(RateControl.constantQp(19));
    }

    @Test
    void maxBitrateIsAConstantRateAndAQuantizationParameterAConstantQp() throws Exception {
        assertThat(ComposedArchivePlan.of(archive(true, true, "640x480", 1_500_000, null), timeline())
                        .request()
                        .rateControl())
                .isEqualTo(RateControl.constantBitrate(1_500_000));
        assertThat(ComposedArchivePlan.of(archive(true, true, "480x640", null, 27), timeline())
                        .request()
                        .rateControl())
                .isEqualTo(RateControl.constantQp(27));
    }

    @Test
    void withoutVideoItIsAudioOnlyAndWithoutAudioSilent() throws Exception {
        ComposedArchivePlan.Plan audioOnly =
                ComposedArchivePlan.of(archive(true, false, "640x480", null, null), timeline());
        assertThat(audioOnly.request().hasVideo()).isFalse();
        assertThat(audioOnly.changes()).isEmpty();
        ComposedArchivePlan.Plan silent =
                ComposedArchivePlan.of(archive(false, true, "640x480", null, null), timeline());
        assertThat(silent.request().audioSources()).isEmpty();
        assertThat(silent.request().hasVideo()).isTrue();
    }

    @Test
    void aStoredLayoutThatNoLongerParsesIsRefusedNamingIt() {
        List<ArchiveLayoutChange> bad = List.of(
                timeline().get(0),
                new ArchiveLayoutChange(
                        "a1", 1, REQUESTED.plusMillis(1), "{\"type\":\"custom\",\"stylesheet\":\"* {}\"}"));
        assertThatThrownBy(() -> ComposedArchivePlan.of(archive(true, true, "640x480", null, null), bad))
                .isInstanceOf(InvalidCompositionException.class)
                .hasMessageContaining("universal selector");
    }
}
