package dev.quorum.composer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.testing.Probe;
import dev.quorum.composer.testing.TestMedia;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composes real Matroska recordings made with ffmpeg from colour and tone sources, then checks
 * the output with ffprobe, decoded pixels at the centre of each region, and tone frequencies.
 */
@Tag("slow")
class CompositionEngineTest {

    static final long T0 = 1_763_000_000_000L;

    @TempDir
    static Path dir;

    static TestMedia media;
    static Path red;
    static Path blueH264;
    static Path lime;
    static Path tone440;
    static Path tone1000;
    static Path red3;
    static Path yellowH264;
    static Path whiteResizing;
    static Path toneWithGap;

    final CompositionEngine engine = new CompositionEngine(EngineSettings.DEFAULT);

    @BeforeAll
    static void makeRecordings() {
        media = new TestMedia(dir);
        red = media.vp8("red", "red", 320, 240, 6);
        blueH264 = media.h264("blue", "blue", 320, 240, 3);
        lime = media.vp9("lime", "lime", 320, 240, 3);
        tone440 = media.opusTone("tone440", 440, 6);
        tone1000 = media.opusTone("tone1000", 1000, 3);
        red3 = media.vp8("red3", "red", 320, 240, 3);
        yellowH264 = media.h264("yellow", "yellow", 640, 360, 4);
        whiteResizing = media.vp8ResolutionChange("white", "white", 320, 240, 2, 160, 240, 2);
        toneWithGap = media.opusToneWithGap("gappy", 440, 4, 2, 3);
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

    CompositionResult compose(CompositionRequest request, List<SourceRecording> sources, Path out) throws Exception {
        CompositionPlan plan = CompositionPlanner.plan(request, sources);
        return engine.compose(plan, out, ProgressListener.NONE);
    }

    @Test
    void gridOfTwoCamerasWithBothVoicesAsWebm() throws Exception {
        List<SourceRecording> room = List.of(
                rec("alice-cam", TrackKind.VIDEO, red, 0, 6000),
                rec("alice-mic", TrackKind.AUDIO, tone440, 0, 6000),
                rec("bob-cam", TrackKind.VIDEO, blueH264, 2000, 3000),
                rec("bob-mic", TrackKind.AUDIO, tone1000, 2000, 3000));
        CompositionRequest req = CompositionRequest.parse(
                "{\"grid\":{\"video_sources\":[\"*\"]}}", List.of("*"), null, "640x480", "webm", true);
        Path out = dir.resolve("grid.webm");
        List<int[]> progress = new ArrayList<>();
        CompositionResult result =
                engine.compose(CompositionPlanner.plan(req, room), out, (p, s) -> progress.add(new int[] {p, (int) s}));

        Probe probe = new Probe(out);
        JsonNode v = probe.stream("video");
        assertThat(v.get("codec_name").asText()).isEqualTo("vp8");
        assertThat(v.get("width").asInt()).isEqualTo(640);
        assertThat(v.get("height").asInt()).isEqualTo(480);
        assertThat(probe.frameRate(v)).isEqualTo(25.0);
        assertThat(probe.stream("audio").get("codec_name").asText()).isEqualTo("opus");
        assertThat(probe.durationSeconds()).isCloseTo(6.0, within(0.2));
        assertThat(result.durationMs()).isEqualTo(6000);
        assertThat(result.sizeBytes()).isEqualTo(Files.size(out));
        assertThat(result.warnings()).isEmpty();

        // Two sources at most → 1x2 grid: alice left, bob right (from 2 s to 5 s).
        assertThat(probe.frameAt(1.0).colourAt(160, 240)).isEqualTo("red");
        assertThat(probe.frameAt(1.0).colourAt(480, 240)).isEqualTo("black");
        assertThat(probe.frameAt(3.5).colourAt(160, 240)).isEqualTo("red");
        assertThat(probe.frameAt(3.5).colourAt(480, 240)).isEqualTo("blue");
        assertThat(probe.frameAt(5.5).colourAt(480, 240)).isEqualTo("black");
        // Each 320x240 picture fills a 320x480 cell's width: letterboxed above and below.
        assertThat(probe.frameAt(3.5).colourAt(480, 100)).isEqualTo("black");

        assertThat(Probe.toneAmplitude(probe.audio(0.5, 1.0), 440)).isGreaterThan(0.03);
        assertThat(Probe.toneAmplitude(probe.audio(0.5, 1.0), 1000)).isLessThan(0.01);
        assertThat(Probe.toneAmplitude(probe.audio(3.0, 1.0), 440)).isGreaterThan(0.03);
        assertThat(Probe.toneAmplitude(probe.audio(3.0, 1.0), 1000)).isGreaterThan(0.03);
        assertThat(Probe.toneAmplitude(probe.audio(5.2, 0.6), 1000)).isLessThan(0.01);

        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(100);
    }

    @Test
    void trimCutsTheSilentGapAndMp4HoldsH264AndAac() throws Exception {
        List<SourceRecording> room = List.of(
                rec("alice-cam", TrackKind.VIDEO, red3, 0, 3000),
                rec("alice-mic", TrackKind.AUDIO, tone1000, 0, 3000),
                // VP9, as Chrome may send.
                rec("carol-cam", TrackKind.VIDEO, lime, 6000, 3000));
        String grid = "{\"grid\":{\"video_sources\":[\"*\"]}}";
        Path trimmed = dir.resolve("trimmed.mp4");
        compose(CompositionRequest.parse(grid, List.of("*"), null, "320x240", "mp4", true), room, trimmed);
        Probe p = new Probe(trimmed);
        assertThat(p.stream("video").get("codec_name").asText()).isEqualTo("h264");
        assertThat(p.stream("audio").get("codec_name").asText()).isEqualTo("aac");
        assertThat(p.stream("audio").get("sample_rate").asInt()).isEqualTo(48_000);
        assertThat(p.formatName()).contains("mp4");
        assertThat(p.durationSeconds()).isCloseTo(6.0, within(0.2));
        // The video track holds all 150 frames: the last one lasts its 40 ms too.
        assertThat(p.stream("video").get("duration").asDouble()).isEqualTo(6.0);
        // One source at a time: a 1x1 grid over the whole canvas.
        assertThat(p.frameAt(1.0).colourAt(160, 120)).isEqualTo("red");
        assertThat(p.frameAt(4.0).colourAt(160, 120)).isEqualTo("lime");
        assertThat(Probe.toneAmplitude(p.audio(1.0, 1.0), 1000)).isGreaterThan(0.03);
        assertThat(Probe.toneAmplitude(p.audio(3.5, 1.0), 1000)).isLessThan(0.01);

        Path kept = dir.resolve("kept.mp4");
        compose(CompositionRequest.parse(grid, List.of("*"), null, "320x240", "mp4", false), room, kept);
        Probe k = new Probe(kept);
        assertThat(k.durationSeconds()).isCloseTo(9.0, within(0.2));
        assertThat(k.frameAt(1.0).colourAt(160, 120)).isEqualTo("red");
        assertThat(k.frameAt(4.5).colourAt(160, 120)).isEqualTo("black");
        assertThat(k.frameAt(7.5).colourAt(160, 120)).isEqualTo("lime");
        assertThat(Probe.toneAmplitude(k.audio(4.0, 1.0), 1000)).isLessThan(0.01);
    }

    @Test
    void pictureInPictureFollowsZOrderAndSurvivesAResolutionChange() throws Exception {
        List<SourceRecording> room = List.of(
                rec("screen", TrackKind.VIDEO, yellowH264, 0, 4000),
                rec("cam", TrackKind.VIDEO, whiteResizing, 0, 4000));
        String pipOnTop = "{\"main\":{\"z_pos\":1,\"video_sources\":\"screen\"},"
                + "\"pip\":{\"z_pos\":2,\"x_pos\":400,\"y_pos\":20,\"width\":200,\"height\":150,"
                + "\"video_sources\":[\"cam\"]}}";
        Path out = dir.resolve("pip.mp4");
        CompositionResult r =
                compose(CompositionRequest.parse(pipOnTop, null, null, "640x360", "mp4", true), room, out);
        assertThat(r.hasAudio()).isFalse();
        Probe p = new Probe(out);
        assertThat(p.stream("audio")).isNull();
        Probe.Rgb early = p.frameAt(1.0);
        Probe.Rgb late = p.frameAt(3.0);
        assertThat(early.colourAt(200, 250)).isEqualTo("yellow");
        assertThat(early.colourAt(500, 95)).isEqualTo("white");
        // 320x240 fills the 200x150 PiP; after the switch to 160x240 it is pillarboxed in black,
        // not showing the screen beneath.
        assertThat(early.colourAt(410, 95)).isEqualTo("white");
        assertThat(late.colourAt(500, 95)).isEqualTo("white");
        assertThat(late.colourAt(410, 95)).isEqualTo("black");
        assertThat(late.colourAt(200, 250)).isEqualTo("yellow");

        String pipBelow = pipOnTop.replace("\"z_pos\":2", "\"z_pos\":0");
        Path hidden = dir.resolve("pip-below.mp4");
        compose(CompositionRequest.parse(pipBelow, null, null, "640x360", "mp4", true), room, hidden);
        assertThat(new Probe(hidden).frameAt(1.0).colourAt(500, 95)).isEqualTo("yellow");
    }

    @Test
    void audioOnlyKeepsAMutedStretchSilentWithoutShiftingLaterAudio() throws Exception {
        // 2 s of tone, 3 s with no packets, 2 s of tone: 7 s on the room clock.
        List<SourceRecording> room = List.of(rec("mic", TrackKind.AUDIO, toneWithGap, 0, 7000));
        Path out = dir.resolve("voice.mp4");
        CompositionResult r =
                compose(CompositionRequest.parse(null, List.of("mic"), null, null, "mp4", true), room, out);
        assertThat(r.hasVideo()).isFalse();
        Probe p = new Probe(out);
        assertThat(p.stream("video")).isNull();
        assertThat(p.stream("audio").get("codec_name").asText()).isEqualTo("aac");
        assertThat(p.durationSeconds()).isCloseTo(7.0, within(0.2));
        assertThat(Probe.toneAmplitude(p.audio(0.5, 1.0), 440)).isGreaterThan(0.03);
        assertThat(Probe.toneAmplitude(p.audio(2.5, 2.0), 440)).isLessThan(0.01);
        assertThat(Probe.toneAmplitude(p.audio(5.3, 1.4), 440)).isGreaterThan(0.03);
    }

    @Test
    void unreadableRecordingsAreSkippedAndNamedAndTheNextJobStillRuns() throws Exception {
        // Starts after the good one, so it takes the second cell.
        SourceRecording junkVideo = rec("junk-cam", TrackKind.VIDEO, media.garbage("junk.mkv", 50_000), 500, 2500);
        SourceRecording junkAudio = rec("junk-mic", TrackKind.AUDIO, media.garbage("junk.mka", 20_000), 0, 3000);
        SourceRecording good = rec("good-cam", TrackKind.VIDEO, red3, 0, 3000);
        String grid = "{\"grid\":{\"video_sources\":[\"*\"]}}";

        Path out = dir.resolve("partly.webm");
        CompositionResult r = compose(
                CompositionRequest.parse(grid, List.of("*"), null, "320x240", "webm", true),
                List.of(junkVideo, junkAudio, good),
                out);
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().get(0))
                .startsWith("Video recording " + junkVideo.recordingSid() + " (junk-cam) was skipped");
        assertThat(r.warnings().get(1))
                .startsWith("Audio recording " + junkAudio.recordingSid() + " (junk-mic) was skipped");
        // 1x2 grid: the good source on the left, the unreadable one's cell black.
        Probe p = new Probe(out);
        assertThat(p.frameAt(1.0).colourAt(80, 120)).isEqualTo("red");
        assertThat(p.frameAt(1.0).colourAt(240, 120)).isEqualTo("black");

        Path none = dir.resolve("none.webm");
        assertThatThrownBy(() -> compose(
                        CompositionRequest.parse(grid, List.of("*"), null, null, null, true),
                        List.of(junkVideo, junkAudio),
                        none))
                .isInstanceOf(CompositionFailedException.class)
                .hasMessageStartingWith("None of the selected recordings could be read");
        assertThat(none).doesNotExist();
        assertThat(dir.resolve("none.webm.part")).doesNotExist();

        Path next = dir.resolve("next.webm");
        compose(CompositionRequest.parse(grid, null, null, "320x240", null, true), List.of(good), next);
        assertThat(new Probe(next).frameAt(1.0).colourAt(160, 120)).isEqualTo("red");
    }

    @Test
    void aRecordingDamagedMidFileStillComposes() throws Exception {
        Path damaged = media.damaged(red, "damaged.mkv", 0.4, 4000);
        SourceRecording s = rec("cam", TrackKind.VIDEO, damaged, 0, 6000);
        Path out = dir.resolve("damaged.webm");
        CompositionResult r = compose(
                CompositionRequest.parse("{\"g\":{\"video_sources\":[\"*\"]}}", null, null, "320x240", null, true),
                List.of(s),
                out);
        Probe p = new Probe(out);
        assertThat(p.durationSeconds()).isCloseTo(6.0, within(0.2));
        assertThat(p.frameAt(0.5).colourAt(160, 120)).isEqualTo("red");
        // The damage ends the readable media early: the composition says so.
        assertThat(r.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w)
                        .startsWith("Video recording " + s.recordingSid() + " (cam) holds media only up to ")
                        .endsWith("of its 6.0 s; the rest is missing or damaged"));
    }

    @Test
    void aSourceWithoutNewPicturesIsHeldThenGoesBlack() throws Exception {
        // The damaged file's readable pictures end after about 2 s of its 6 s.
        Path damaged = media.damaged(red, "held.mkv", 0.4, 4000);
        SourceRecording s = rec("cam", TrackKind.VIDEO, damaged, 0, 6000);
        EngineSettings shortHold = new EngineSettings(25, 0.1, 128_000, 2, 0, 16, 1000);
        Path out = dir.resolve("held.webm");
        new CompositionEngine(shortHold)
                .compose(
                        CompositionPlanner.plan(
                                CompositionRequest.parse(
                                        "{\"g\":{\"video_sources\":[\"*\"]}}", null, null, "320x240", null, true),
                                List.of(s)),
                        out,
                        ProgressListener.NONE);
        Probe p = new Probe(out);
        assertThat(p.frameAt(0.5).colourAt(160, 120)).isEqualTo("red");
        assertThat(p.frameAt(5.5).colourAt(160, 120)).isEqualTo("black");
    }
}
