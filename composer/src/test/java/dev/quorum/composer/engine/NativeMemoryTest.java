package dev.quorum.composer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.OutputFormat;
import dev.quorum.composer.RateControl;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.Layout;
import dev.quorum.composer.layout.LayoutTimeline;
import dev.quorum.composer.testing.TestMedia;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compositions free what FFmpeg allocated: composing the same room again and again does not grow
 * the process's resident memory. A leaked decoder, frame or canvas per run would add tens of
 * megabytes each time (every 640x480 picture is 460 kB).
 */
@Tag("slow")
class NativeMemoryTest {

    /**
     * Resident growth allowed over the last five compositions. Leaking the decoded or cropped pictures of one
     * 3-second composition alone costs well over 40 MiB, so five of them would pass 200 MiB; the allocators' own
     * arenas wander by some tens of MiB on a busy machine.
     */
    private static final long ALLOWED_GROWTH = 80L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void repeatedCompositionsDoNotGrowNativeMemory() throws Exception {
        TestMedia media = new TestMedia(dir);
        long t0 = 1_763_000_000_000L;
        List<SourceRecording> room = List.of(
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        null,
                        null,
                        "a",
                        TrackKind.VIDEO,
                        "VP8",
                        media.vp8("a", "red", 640, 480, 3),
                        t0,
                        3000),
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        null,
                        null,
                        "b",
                        TrackKind.VIDEO,
                        "H264",
                        media.h264("b", "blue", 640, 480, 3),
                        t0,
                        3000),
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        null,
                        null,
                        "c",
                        TrackKind.AUDIO,
                        "OPUS",
                        media.opusTone("c", 440, 3),
                        t0,
                        3000));
        CompositionRequest req = CompositionRequest.parse(
                "{\"g\":{\"video_sources\":[\"*\"]}}", List.of("*"), null, "640x480", "mp4", true);
        CompositionEngine engine = new CompositionEngine(EngineSettings.DEFAULT);
        long[] rss = new long[8];
        for (int i = 0; i < rss.length; i++) {
            engine.compose(CompositionPlanner.plan(req, room), dir.resolve("out" + i + ".mp4"), ProgressListener.NONE);
            System.gc();
            rss[i] = Pointer.physicalBytes();
        }
        // Allocators keep some memory after the first runs; after that it must stay flat.
        long growth = rss[rss.length - 1] - rss[2];
        assertThat(growth)
                .as("resident growth over %d compositions, bytes", rss.length - 3)
                .isLessThan(ALLOWED_GROWTH);
    }

    @Test
    void croppedPicturesOfChangingArchiveLayoutsAreFreedToo() throws Exception {
        TestMedia media = new TestMedia(dir);
        long t0 = 1_763_000_000_000L;
        List<SourceRecording> room = List.of(
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        "MT-a",
                        null,
                        "a",
                        TrackKind.VIDEO,
                        "VP8",
                        media.vp8("a", "red", 640, 360, 3),
                        t0,
                        3000),
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        "MT-b",
                        null,
                        "b",
                        TrackKind.VIDEO,
                        "VP8",
                        media.vp8("b", "blue", 320, 240, 3),
                        t0,
                        3000));
        // Cropped (cover, and past the canvas edge) and changing every 200 ms, so pictures are cropped both
        // ahead on the decoding threads and on the compositor when a change catches a picture on screen.
        Layout wide = Layout.parse("{\"type\":\"custom\",\"stylesheet\":\"stream { position: absolute; left: -10%;"
                + " top: 0; width: 70%; height: 100%; object-fit: cover; } stream:last-child { left: 60%; }\"}");
        Layout narrow = Layout.parse("{\"type\":\"custom\",\"stylesheet\":\"stream { float: left; width: 30%;"
                + " height: 120%; object-fit: cover; }\"}");
        LayoutTimeline layouts = LayoutTimeline.of(wide);
        for (int i = 1; i < 15; i++) {
            layouts = layouts.with(t0 + i * 200L, i % 2 == 1 ? narrow : wide);
        }
        CompositionRequest req = new CompositionRequest(
                layouts, List.of(), List.of(), new Resolution(640, 480), OutputFormat.MP4, true, RateControl.AUTO);
        CompositionEngine engine = new CompositionEngine(EngineSettings.DEFAULT);
        long[] rss = new long[8];
        for (int i = 0; i < rss.length; i++) {
            engine.compose(
                    CompositionPlanner.plan(req, room), dir.resolve("cover" + i + ".mp4"), ProgressListener.NONE);
            System.gc();
            rss[i] = Pointer.physicalBytes();
        }
        long growth = rss[rss.length - 1] - rss[2];
        assertThat(growth)
                .as("resident growth over %d compositions, bytes", rss.length - 3)
                .isLessThan(ALLOWED_GROWTH);
    }
}
