package dev.quorum.composer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.OutputFormat;
import dev.quorum.composer.RateControl;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.SourceSelector;
import dev.quorum.composer.layout.ArchiveLayout;
import dev.quorum.composer.layout.LayoutTimeline;
import dev.quorum.composer.testing.Probe;
import dev.quorum.composer.testing.TestMedia;
import dev.quorum.composer.timeline.Window;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A composition over a window of the room clock — an archive's start to stop — lasts exactly the
 * window: media before and after it is cut off, and a stream's picture appears when its media
 * starts, black before.
 */
@Tag("slow")
class WindowCompositionTest {

    static final long T0 = 1_763_000_000_000L;

    @TempDir
    static Path dir;

    static Path lime;
    static Path red;
    static Path blue;
    static Path tone;

    @BeforeAll
    static void makeRecordings() {
        TestMedia media = new TestMedia(dir);
        lime = media.vp8("lime", "lime", 320, 240, 2.5);
        red = media.vp8("red", "red", 320, 240, 3);
        blue = media.vp8("blue", "blue", 320, 240, 3);
        tone = media.opusTone("tone", 440, 5);
    }

    static SourceRecording rec(String name, TrackKind kind, Path file, long offsetMs, long durationMs) {
        return new SourceRecording(
                Sid.generate(Sid.RECORDING),
                Sid.generate(Sid.TRACK),
                Sid.generate(Sid.PARTICIPANT),
                name,
                kind,
                kind == TrackKind.AUDIO ? "OPUS" : "VP8",
                file,
                T0 + offsetMs,
                durationMs);
    }

    @Test
    void theOutputCoversExactlyTheWindowAndEachPictureAppearsWhenItsMediaStarts() throws Exception {
        List<SourceRecording> room = List.of(
                rec("lime-cam", TrackKind.VIDEO, lime, -1000, 2500), // began before the window
                rec("red-cam", TrackKind.VIDEO, red, 500, 3000),
                rec("blue-cam", TrackKind.VIDEO, blue, 2000, 3000), // goes on after it
                rec("mic", TrackKind.AUDIO, tone, -500, 5000),
                rec("late-cam", TrackKind.VIDEO, red, 4000, 3000)); // wholly after it
        CompositionRequest request = new CompositionRequest(
                        LayoutTimeline.of(ArchiveLayout.bestFit()),
                        List.of(SourceSelector.parse("*")),
                        List.of(),
                        new Resolution(640, 480),
                        OutputFormat.MP4,
                        false,
                        RateControl.constantQp(19))
                .within(new Window(T0, T0 + 4000));
        CompositionPlan plan = CompositionPlanner.plan(request, room);
        assertThat(plan.videoSources())
                .extracting(SourceRecording::trackName)
                .containsExactlyInAnyOrder("lime-cam", "red-cam", "blue-cam");
        Path out = dir.resolve("window.mp4");
        CompositionResult result =
                new CompositionEngine(EngineSettings.DEFAULT).compose(plan, out, ProgressListener.NONE);

        assertThat(result.durationMs()).isEqualTo(4000);
        Probe p = new Probe(out);
        assertThat(p.durationSeconds()).isCloseTo(4.0, within(0.05));
        // Frame n shows T0 + 40n ms. Until red's first frame (T0 + 500) lime, cut at the window's
        // start, is alone and fills the canvas.
        assertThat(p.frame(0).colourAt(320, 240)).isEqualTo("lime");
        assertThat(p.frame(12).colourAt(160, 240)).isEqualTo("lime");
        assertThat(p.frame(12).colourAt(480, 240)).isEqualTo("lime");
        // From frame 13 (T0 + 520) red has a tile: two columns, lime (joined first) left.
        assertThat(p.frame(13).colourAt(160, 240)).isEqualTo("lime");
        assertThat(p.frame(13).colourAt(480, 240)).isEqualTo("red");
        // Lime's media ends at T0 + 1500: red alone; blue joins at T0 + 2000 on the right.
        assertThat(p.frame(45).colourAt(320, 240)).isEqualTo("red");
        assertThat(p.frame(60).colourAt(160, 240)).isEqualTo("red");
        assertThat(p.frame(60).colourAt(480, 240)).isEqualTo("blue");
        // Red ends at T0 + 3500; the last frame shows blue alone, whose media goes on past the window.
        assertThat(p.frame(99).colourAt(320, 240)).isEqualTo("blue");
        // The voice that began before the window is heard from its first sample to its last.
        assertThat(Probe.toneAmplitude(p.audio(0.0, 0.4), 440)).isGreaterThan(0.03);
        assertThat(Probe.toneAmplitude(p.audio(3.5, 0.4), 440)).isGreaterThan(0.03);
    }

    @Test
    void aWindowWithoutMediaAtItsStartIsBlackThere() throws Exception {
        List<SourceRecording> room = List.of(rec("red-cam", TrackKind.VIDEO, red, 1000, 1000));
        CompositionRequest request = new CompositionRequest(
                        LayoutTimeline.of(ArchiveLayout.bestFit()),
                        List.of(),
                        List.of(),
                        new Resolution(320, 240),
                        OutputFormat.MP4,
                        false,
                        RateControl.constantQp(19))
                .within(new Window(T0, T0 + 3500));
        Path out = dir.resolve("black.mp4");
        CompositionResult result = new CompositionEngine(EngineSettings.DEFAULT)
                .compose(CompositionPlanner.plan(request, room), out, ProgressListener.NONE);
        assertThat(result.durationMs()).isEqualTo(3500);
        Probe p = new Probe(out);
        assertThat(p.frame(24).colourAt(160, 120))
                .as("before the picture is published")
                .isEqualTo("black");
        assertThat(p.frame(25).colourAt(160, 120)).isEqualTo("red");
        assertThat(p.frame(49).colourAt(160, 120)).isEqualTo("red");
        assertThat(p.frame(50).colourAt(160, 120))
                .as("after it, up to the window's end")
                .isEqualTo("black");
        assertThat(p.frame(87).colourAt(160, 120)).isEqualTo("black");
    }

    @Test
    void aPictureWhoseRecordingStopsJustBeforeTheWindowIsHeldToItsEnd() throws Exception {
        // An archive's recordings stop with it, their last picture taken a little before the stop.
        List<SourceRecording> room = List.of(rec("red-cam", TrackKind.VIDEO, red, 0, 2930));
        CompositionRequest request = new CompositionRequest(
                        LayoutTimeline.of(ArchiveLayout.bestFit()),
                        List.of(),
                        List.of(),
                        new Resolution(320, 240),
                        OutputFormat.MP4,
                        false,
                        RateControl.constantQp(19))
                .within(new Window(T0, T0 + 3000));
        Path out = dir.resolve("held.mp4");
        new CompositionEngine(EngineSettings.DEFAULT)
                .compose(CompositionPlanner.plan(request, room), out, ProgressListener.NONE);
        Probe p = new Probe(out);
        assertThat(p.frame(73).colourAt(160, 120)).isEqualTo("red");
        assertThat(p.frame(74).colourAt(160, 120))
                .as("the last frame, after the recording's end")
                .isEqualTo("red");
    }
}
