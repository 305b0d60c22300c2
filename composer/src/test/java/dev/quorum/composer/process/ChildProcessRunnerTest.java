package dev.quorum.composer.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.engine.CompositionFailedException;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.EngineSettings;
import dev.quorum.composer.testing.Probe;
import dev.quorum.composer.testing.TestMedia;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class ChildProcessRunnerTest {

    static final long T0 = 1_763_000_000_000L;

    @TempDir
    static Path dir;

    static List<SourceRecording> room;

    @BeforeAll
    static void makeRecordings() {
        TestMedia media = new TestMedia(dir);
        room = List.of(
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        Sid.generate(Sid.TRACK),
                        Sid.generate(Sid.PARTICIPANT),
                        "cam",
                        TrackKind.VIDEO,
                        "VP8",
                        media.vp8("magenta", "magenta", 320, 240, 3),
                        T0,
                        3000),
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        Sid.generate(Sid.TRACK),
                        Sid.generate(Sid.PARTICIPANT),
                        "mic",
                        TrackKind.AUDIO,
                        "OPUS",
                        media.opusTone("tone", 660, 3),
                        T0,
                        3000));
    }

    static CompositionRequest grid(String format) throws Exception {
        return CompositionRequest.parse(
                "{\"grid\":{\"video_sources\":[\"*\"]}}", List.of("*"), null, "320x240", format, true);
    }

    @Test
    void composesInAChildJvmAndRelaysProgress() throws Exception {
        Path out = dir.resolve("child.mp4");
        List<Integer> percents = new CopyOnWriteArrayList<>();
        CompositionResult r = new ChildProcessRunner(EngineSettings.DEFAULT)
                .run(new CompositionJob(grid("mp4"), room, out), (p, s) -> percents.add(p));
        assertThat(r.file()).isEqualTo(out);
        assertThat(r.durationMs()).isEqualTo(3000);
        assertThat(r.sizeBytes()).isPositive();
        assertThat(r.hasVideo()).isTrue();
        assertThat(r.hasAudio()).isTrue();
        assertThat(percents).isNotEmpty().isSorted().endsWith(100);
        Probe p = new Probe(out);
        assertThat(p.durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat(p.frameAt(1.5).colourAt(160, 120)).isEqualTo("magenta");
        assertThat(Probe.toneAmplitude(p.audio(1.0, 1.0), 660)).isGreaterThan(0.03);
        assertThat(dir.resolve("child.mp4.job.json")).doesNotExist();
    }

    @Test
    void aFailureInTheChildComesBackWithItsReason() throws Exception {
        SourceRecording junk = new SourceRecording(
                Sid.generate(Sid.RECORDING),
                null,
                null,
                "junk",
                TrackKind.AUDIO,
                "OPUS",
                new TestMedia(dir).garbage("junk.mka", 1000),
                T0,
                3000);
        CompositionRequest req = CompositionRequest.parse(null, List.of("*"), null, null, null, true);
        assertThatThrownBy(() -> new ChildProcessRunner(EngineSettings.DEFAULT)
                        .run(new CompositionJob(req, List.of(junk), dir.resolve("junk.webm")), (p, s) -> {}))
                .isInstanceOf(CompositionFailedException.class)
                .hasMessageStartingWith("None of the selected recordings could be read");
    }

    @Test
    void aNativeCrashEndsOnlyTheChildAndTheNextJobRuns() throws Exception {
        ChildProcessRunner.Launch same = ChildProcessRunner.Launch.sameJvm();
        // The crash report goes to the test's directory, not the machine's temporary one.
        ChildProcessRunner crashing = new ChildProcessRunner(
                EngineSettings.DEFAULT,
                new ChildProcessRunner.Launch(
                        same.javaCommand(),
                        same.classPath(),
                        List.of("-XX:ErrorFile=" + dir.resolve("crash-%p.log")),
                        CrashingComposerMain.class.getName()));
        List<Integer> percents = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> crashing.run(
                        new CompositionJob(grid("webm"), room, dir.resolve("crash.webm")), (p, s) -> percents.add(p)))
                .isInstanceOf(CompositionFailedException.class)
                .hasMessageContaining("The composer process ended unexpectedly with exit code 134 (signal 6)")
                .hasMessageContaining("SIGSEGV");
        assertThat(percents).containsExactly(10);
        assertThat(dir.resolve("crash.webm")).doesNotExist();

        Path next = dir.resolve("after-crash.webm");
        new ChildProcessRunner(EngineSettings.DEFAULT).run(new CompositionJob(grid("webm"), room, next), (p, s) -> {});
        assertThat(new Probe(next).frameAt(1.0).colourAt(160, 120)).isEqualTo("magenta");
    }
}
