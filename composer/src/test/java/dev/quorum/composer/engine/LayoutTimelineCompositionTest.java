package dev.quorum.composer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.OutputFormat;
import dev.quorum.composer.RateControl;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.ArchiveLayout;
import dev.quorum.composer.layout.Layout;
import dev.quorum.composer.layout.LayoutTimeline;
import dev.quorum.composer.layout.StreamClasses;
import dev.quorum.composer.testing.EncodedQp;
import dev.quorum.composer.testing.Probe;
import dev.quorum.composer.testing.TestMedia;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composes real recordings with layouts that change over time and the archive layouts, then
 * checks decoded frames on both sides of each change, and the encoder's rate control.
 */
@Tag("slow")
class LayoutTimelineCompositionTest {

    static final long T0 = 1_763_000_000_000L;

    @TempDir
    static Path dir;

    static Path red;
    static Path blue;
    static Path busy;

    @BeforeAll
    static void makeRecordings() {
        TestMedia media = new TestMedia(dir);
        red = media.vp8("red", "red", 320, 240, 6);
        blue = media.vp8("blue", "blue", 320, 240, 6);
        busy = media.vp8Busy("busy", 640, 480, 4);
    }

    static SourceRecording cam(String name, Path file, long durationMs) {
        return new SourceRecording(
                Sid.generate(Sid.RECORDING),
                "MT-" + name,
                Sid.generate(Sid.PARTICIPANT),
                name,
                TrackKind.VIDEO,
                "VP8",
                file,
                T0,
                durationMs);
    }

    static CompositionRequest request(LayoutTimeline layouts, RateControl rate) {
        return new CompositionRequest(
                layouts, List.of(), List.of(), new Resolution(640, 480), OutputFormat.MP4, true, rate);
    }

    @Test
    void eachLayoutChangeShowsFromTheFirstFrameAtOrAfterItsInstant() throws Exception {
        SourceRecording alice = cam("alice", red, 6000);
        SourceRecording bob = cam("bob", blue, 6000);
        // 25 fps from T0: frame n shows T0 + 40n ms. Changes at 2010 ms and 4010 ms land on frames 51 and 101.
        LayoutTimeline layouts = LayoutTimeline.of(ArchiveLayout.bestFit())
                .with(T0 + 2010, Layout.parse("{\"type\":\"pip\"}"))
                .with(
                        T0 + 4010,
                        Layout.parse(
                                "{\"type\":\"custom\",\"stylesheet\":"
                                        + "\"stream.left { position: absolute; left: 0; top: 0; width: 50%; height: 100%; object-fit: cover; }"
                                        + " stream.right { position: absolute; right: 0; top: 25%; width: 50%; height: 50%; }\"}"));
        // Bob is full size from the start; at the second change the classes move as the layout does.
        StreamClasses classes = StreamClasses.of(List.of(
                new StreamClasses.Change("MT-bob", T0, List.of("full")),
                new StreamClasses.Change("MT-alice", T0 + 4010, List.of("left")),
                new StreamClasses.Change("MT-bob", T0 + 4010, List.of("right"))));
        Path out = dir.resolve("timeline.mp4");
        CompositionResult result = new CompositionEngine(EngineSettings.DEFAULT)
                .compose(
                        CompositionPlanner.plan(
                                request(layouts, RateControl.constantQp(19)), List.of(alice, bob), classes),
                        out,
                        ProgressListener.NONE);
        assertThat(result.durationMs()).isEqualTo(6000);
        Probe p = new Probe(out);
        assertThat(p.durationSeconds()).isCloseTo(6.0, within(0.1));

        // bestFit, two streams: bob has a class, so he ranks first and takes the left cell; each
        // 320x240 picture is letterboxed in its 320x480 cell.
        Probe.Rgb grid = p.frame(50);
        assertThat(grid.colourAt(160, 240)).isEqualTo("blue");
        assertThat(grid.colourAt(480, 240)).isEqualTo("red");
        assertThat(grid.colourAt(512, 96)).isEqualTo("black");
        // pip from frame 51: bob fills the canvas, alice is the 128x96 tile at 448,48 on top.
        Probe.Rgb pip = p.frame(51);
        assertThat(pip.colourAt(480, 240)).isEqualTo("blue");
        assertThat(pip.colourAt(512, 96)).isEqualTo("red");
        assertThat(pip.colourAt(440, 96)).isEqualTo("blue");
        assertThat(p.frame(100).colourAt(512, 96)).isEqualTo("red");
        // custom from frame 101: alice covers the whole left half (no letterbox), bob is letterboxed right.
        Probe.Rgb custom = p.frame(101);
        assertThat(custom.colourAt(160, 20)).isEqualTo("red");
        assertThat(custom.colourAt(160, 460)).isEqualTo("red");
        assertThat(custom.colourAt(480, 240)).isEqualTo("blue");
        assertThat(custom.colourAt(480, 60)).isEqualTo("black");
        assertThat(custom.colourAt(512, 96)).isEqualTo("black");
    }

    @Test
    void aConstantQpCodesEveryMacroblockAtThatQp() throws Exception {
        SourceRecording s = cam("busy", busy, 4000);
        Path out = dir.resolve("qp27.mp4");
        new CompositionEngine(EngineSettings.DEFAULT)
                .compose(
                        CompositionPlanner.plan(
                                request(LayoutTimeline.of(ArchiveLayout.bestFit()), RateControl.constantQp(27)),
                                List.of(s)),
                        out,
                        ProgressListener.NONE);
        List<EncodedQp.Range> qps = EncodedQp.perFrame(out);
        // Every frame of the 4 s, the last one included.
        assertThat(qps).hasSize(100).allSatisfy(r -> assertThat(r).isEqualTo(new EncodedQp.Range(27, 27)));
    }

    @Test
    void aConstantBitRateHoldsWhereTheDefaultQpSpendsMore() throws Exception {
        SourceRecording s = cam("busy", busy, 4000);
        Path cbr = dir.resolve("cbr.mp4");
        Path qp = dir.resolve("qp19.mp4");
        CompositionEngine engine = new CompositionEngine(EngineSettings.DEFAULT);
        engine.compose(
                CompositionPlanner.plan(
                        request(LayoutTimeline.of(ArchiveLayout.bestFit()), RateControl.constantBitrate(600_000)),
                        List.of(s)),
                cbr,
                ProgressListener.NONE);
        engine.compose(
                CompositionPlanner.plan(
                        request(
                                LayoutTimeline.of(ArchiveLayout.bestFit()),
                                RateControl.constantQp(RateControl.ARCHIVE_DEFAULT_QP)),
                        List.of(s)),
                qp,
                ProgressListener.NONE);
        long cbrRate = new Probe(cbr).videoBitrate();
        long qpRate = new Probe(qp).videoBitrate();
        assertThat(cbrRate).isBetween(450_000L, 720_000L);
        assertThat(qpRate).isGreaterThan(3 * cbrRate);
    }
}
