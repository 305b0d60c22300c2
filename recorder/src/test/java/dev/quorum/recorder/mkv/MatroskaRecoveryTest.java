package dev.quorum.recorder.mkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.recorder.testing.EncodedFrame;
import dev.quorum.recorder.testing.Fixtures;
import dev.quorum.recorder.testing.MediaFixtures;
import dev.quorum.recorder.testing.Probe;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class MatroskaRecoveryTest {

    @TempDir
    Path tmp;

    @Test
    void liveVideoFileCutAtArbitraryPointsDecodesUpToTheCutAndIsRepaired() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.vp8(Fixtures.dir(), 320, 240, 30, 3);
        Path live = tmp.resolve("live.mkv");
        long[] ends = MatroskaWriterTest.write(live, TrackFormat.vp8(320, 240), frames, false);
        checkCuts(live, frames, ends, new Random(7));
    }

    @Test
    void liveAudioFileCutAtArbitraryPointsDecodesUpToTheCutAndIsRepaired() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.opus(Fixtures.dir(), 440, 3);
        Path live = tmp.resolve("live.mka");
        long[] ends = MatroskaWriterTest.write(live, TrackFormat.opus(2, 0), frames, false);
        checkCuts(live, frames, ends, new Random(11));
    }

    private void checkCuts(Path live, List<EncodedFrame> frames, long[] ends, Random random) throws IOException {
        long length = Files.size(live);
        List<Long> cuts = new ArrayList<>(List.of(ends[0] - 3, ends[0], ends[frames.size() / 2] + 1, length - 1));
        for (int i = 0; i < 5; i++) {
            cuts.add(ends[0] + (long) (random.nextDouble() * (length - ends[0])));
        }
        for (long cut : cuts) {
            Path cutFile = tmp.resolve("cut-" + cut + live.getFileName());
            copyPrefix(live, cutFile, cut);
            int complete = 0;
            while (complete < ends.length && ends[complete] <= cut) {
                complete++;
            }

            // The demuxer notes the cut itself; any other message would be a decoding error.
            assertThat(Probe.decodeErrors(cutFile)
                            .lines()
                            .filter(l -> !l.matches(".*File ended prematurely( at pos\\. \\d+ \\(0x\\p{XDigit}+\\))?"))
                            .toList())
                    .as("decode of a file cut at %d", cut)
                    .isEmpty();
            assertThat(Probe.decodedFrames(cutFile))
                    .as("frames of a file cut at %d", cut)
                    .isEqualTo(complete);

            ScanResult scan = MatroskaRecovery.scan(cutFile);
            assertThat(scan.readable()).isTrue();
            assertThat(scan.finalized()).isFalse();
            assertThat(scan.blocks()).isEqualTo(complete);
            if (complete == 0) {
                assertThat(MatroskaRecovery.repair(cutFile).finalized()).isFalse();
                continue;
            }
            assertThat(scan.lastBlockMillis())
                    .isEqualTo(frames.get(complete - 1).millis());

            ScanResult repaired = MatroskaRecovery.repair(cutFile);
            assertThat(repaired.finalized()).isTrue();
            assertThat(repaired.blocks()).isEqualTo(complete);
            assertThat(repaired.fileLength()).isEqualTo(Files.size(cutFile));
            Probe p = Probe.of(cutFile);
            assertThat(p.decodeErrors()).isEmpty();
            assertThat(p.frames()).isEqualTo(complete);
            assertThat(p.formatDuration()).isCloseTo(repaired.durationMillis() / 1000.0, within(0.002));
        }
    }

    @Test
    void finalizedFileIsRecognisedAndLeftAlone() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.opus(Fixtures.dir(), 440, 3);
        Path file = tmp.resolve("done.mka");
        MatroskaWriterTest.write(file, TrackFormat.opus(2, 0), frames, true);
        byte[] before = Files.readAllBytes(file);

        ScanResult scan = MatroskaRecovery.repair(file);

        assertThat(scan.finalized()).isTrue();
        assertThat(scan.codec()).isEqualTo(MatroskaCodec.OPUS);
        assertThat(scan.blocks()).isEqualTo(frames.size());
        assertThat(scan.durationMillis())
                .isEqualTo(frames.get(frames.size() - 1).millis() + 20);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void finalizationInterruptedInsideTheCuesIsRedone() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.vp8(Fixtures.dir(), 320, 240, 30, 3);
        Path file = tmp.resolve("half.mkv");
        long[] ends = MatroskaWriterTest.write(file, TrackFormat.vp8(320, 240), frames, true);
        long lastBlockEnd = ends[ends.length - 1];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(lastBlockEnd + 5);
        }
        assertThat(MatroskaRecovery.scan(file).finalized()).isFalse();

        ScanResult repaired = MatroskaRecovery.repair(file);

        assertThat(repaired.finalized()).isTrue();
        assertThat(repaired.blocks()).isEqualTo(frames.size());
        assertThat(Probe.decodeErrors(file)).isEmpty();
        assertThat(Probe.decodedFrames(file)).isEqualTo(frames.size());
    }

    @Test
    void garbageEmptyAndHeaderOnlyFilesAreReportedNotThrown() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.mkv"), new byte[0]);
        Path garbage = tmp.resolve("garbage.mkv");
        byte[] noise = new byte[10_000];
        new Random(3).nextBytes(noise);
        Files.write(garbage, noise);
        List<EncodedFrame> frames = MediaFixtures.opus(Fixtures.dir(), 440, 3);
        Path headerOnly = tmp.resolve("header.mka");
        long[] ends = MatroskaWriterTest.write(headerOnly, TrackFormat.opus(2, 0), frames, false);
        copyPrefix(headerOnly, headerOnly, ends[0] - 20);

        assertThat(MatroskaRecovery.repair(empty).readable()).isFalse();
        assertThat(MatroskaRecovery.repair(garbage).readable()).isFalse();
        assertThat(MatroskaRecovery.repair(garbage).problem()).isNotBlank();
        ScanResult header = MatroskaRecovery.repair(headerOnly);
        assertThat(header.readable()).isTrue();
        assertThat(header.blocks()).isZero();
        assertThat(header.finalized()).isFalse();
    }

    @Test
    void randomCorruptionNeverThrows() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.opus(Fixtures.dir(), 440, 1);
        Path good = tmp.resolve("good.mka");
        MatroskaWriterTest.write(good, TrackFormat.opus(2, 0), frames, false);
        byte[] bytes = Files.readAllBytes(good);
        Random r = new Random(42);
        Path bad = tmp.resolve("bad.mka");
        for (int i = 0; i < 300; i++) {
            byte[] copy = bytes.clone();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                copy[r.nextInt(copy.length)] ^= (byte) (1 << r.nextInt(8));
            }
            Files.write(bad, copy);
            ScanResult s = MatroskaRecovery.repair(bad);
            assertThat(s.fileLength()).isLessThanOrEqualTo(Files.size(bad) + 1_000_000L);
        }
    }

    private static void copyPrefix(Path from, Path to, long length) throws IOException {
        byte[] all = Files.readAllBytes(from);
        byte[] prefix = new byte[(int) Math.min(length, all.length)];
        System.arraycopy(all, 0, prefix, 0, prefix.length);
        Files.write(to, prefix);
    }
}
