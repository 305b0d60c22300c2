package dev.quorum.recorder.mkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.recorder.testing.EncodedFrame;
import dev.quorum.recorder.testing.Fixtures;
import dev.quorum.recorder.testing.MediaFixtures;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.recorder.testing.Tools;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class MatroskaWriterTest {

    @TempDir
    Path tmp;

    static long[] write(Path file, TrackFormat format, List<EncodedFrame> frames, boolean finish) throws IOException {
        return write(file, format, frames, finish, Map.of());
    }

    static long[] write(
            Path file, TrackFormat format, List<EncodedFrame> frames, boolean finish, Map<String, String> tags)
            throws IOException {
        long[] ends = new long[frames.size()];
        try (FileChannel ch = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                MatroskaWriter w = MatroskaWriter.start(ch, format, 1_700_000_000_000L, 5_000, 64 * 1024)) {
            for (int i = 0; i < frames.size(); i++) {
                EncodedFrame f = frames.get(i);
                ByteBuf data = Unpooled.wrappedBuffer(f.data());
                try {
                    w.writeFrame(f.millis(), f.keyframe(), data);
                } finally {
                    data.release();
                }
                ends[i] = w.position();
            }
            w.flush();
            if (finish) {
                long last = frames.get(frames.size() - 1).millis();
                long step =
                        frames.size() > 1 ? last - frames.get(frames.size() - 2).millis() : 0;
                w.finish(last + step, tags);
            }
        }
        return ends;
    }

    @Test
    void vp8FileIsReadAndDecodedByFfmpegWithItsTimestampsAndKeyframes() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.vp8(Fixtures.dir(), 320, 240, 30, 3);
        Path file = tmp.resolve("vp8.mkv");
        write(file, TrackFormat.vp8(320, 240), frames, true);

        Probe p = Probe.of(file);
        assertThat(p.decodeErrors()).isEmpty();
        assertThat(p.formatName()).contains("matroska");
        assertThat(p.codecName()).isEqualTo("vp8");
        assertThat(p.width()).isEqualTo(320);
        assertThat(p.height()).isEqualTo(240);
        assertThat(p.formatDuration()).isCloseTo(3.0, within(0.05));
        assertThat(Probe.packetTimes(file)).containsExactlyElementsOf(millisAsSeconds(frames));
        assertThat(Probe.keyFlags(file))
                .containsExactlyElementsOf(
                        frames.stream().map(EncodedFrame::keyframe).toList());
        assertThat(Probe.decodedFrames(file)).isEqualTo(frames.size());
    }

    @Test
    void tagsWrittenAtFinishAreReadBackAsGlobalTags() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.opus(Fixtures.dir(), 440, 1);
        Path file = tmp.resolve("tags.mka");
        write(file, TrackFormat.opus(2, 0), frames, true, Map.of("QUORUM_PACKETS_DROPPED", "17"));

        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-show_entries",
                "format_tags",
                "-of",
                "default=noprint_wrappers=1",
                file.toString());
        assertThat(Tools.run(cmd, 60).requireSuccess(cmd).stdout()).contains("TAG:QUORUM_PACKETS_DROPPED=17");
        assertThat(Probe.decodeErrors(file)).isEmpty();
        assertThat(MatroskaRecovery.scan(file).finalized()).isTrue();
    }

    @Test
    void vp9FileDecodesWithNoError() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.vp9(Fixtures.dir(), 320, 240, 30, 2);
        Path file = tmp.resolve("vp9.mkv");
        write(file, TrackFormat.vp9(320, 240), frames, true);

        Probe p = Probe.of(file);
        assertThat(p.decodeErrors()).isEmpty();
        assertThat(p.codecName()).isEqualTo("vp9");
        assertThat(p.formatDuration()).isCloseTo(2.0, within(0.05));
        assertThat(p.frames()).isEqualTo(frames.size());
    }

    @Test
    void h264WithAvcCFromSpsAndPpsAndLengthPrefixedNalUnitsDecodes() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.h264(Fixtures.dir(), 320, 240, 30, 2);
        assertThat(frames.get(0).keyframe()).isTrue();
        List<byte[]> nals = MediaFixtures.nalUnits(frames.get(0).data());
        byte[] sps = nals.stream().filter(n -> (n[0] & 0x1F) == 7).findFirst().orElseThrow();
        byte[] pps = nals.stream().filter(n -> (n[0] & 0x1F) == 8).findFirst().orElseThrow();
        Path file = tmp.resolve("h264.mkv");
        write(file, TrackFormat.h264(AvcConfigurationRecord.build(sps, pps), 320, 240), frames, true);

        Probe p = Probe.of(file);
        assertThat(p.decodeErrors()).isEmpty();
        assertThat(p.codecName()).isEqualTo("h264");
        assertThat(p.width()).isEqualTo(320);
        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-show_entries",
                "stream=profile,is_avc,nal_length_size",
                "-of",
                "default=noprint_wrappers=1",
                file.toString());
        String info = Tools.run(cmd, 60).requireSuccess(cmd).stdout();
        assertThat(info).contains("profile=Constrained Baseline", "is_avc=true", "nal_length_size=4");
        assertThat(Probe.decodedFrames(file)).isEqualTo(frames.size());
    }

    @Test
    void opusFileCarriesOpusHeadPreSkipAsCodecDelayAndDecodes() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.opus(Fixtures.dir(), 440, 3);
        Path file = tmp.resolve("opus.mka");
        write(file, TrackFormat.opus(2, 312), frames, true);

        Probe p = Probe.of(file);
        assertThat(p.decodeErrors()).isEmpty();
        assertThat(p.codecName()).isEqualTo("opus");
        List<String> cmd = List.of(Tools.ffprobe(), "-v", "error", "-show_streams", "-show_data", file.toString());
        String info = Tools.run(cmd, 60).requireSuccess(cmd).stdout();
        // OpusHead: version 1, 2 channels, pre-skip 312 (0x0138 LE), 48000 Hz (0x0000BB80 LE).
        assertThat(info)
                .contains(
                        "sample_rate=48000",
                        "channels=2",
                        "extradata_size=19",
                        "4f70 7573 4865 6164 0102 3801 80bb 0000");
        // FFmpeg applies CodecDelay by starting the stream 312 samples (6.5 ms) early.
        assertThat(info).contains("start_pts=-7");
        assertThat(p.formatDuration()).isCloseTo(3.0, within(0.05));
        assertThat(Probe.packetTimes(file)).hasSize(frames.size());
    }

    @Test
    void resolutionChangeMidFileDecodesBothSizes() throws IOException {
        List<EncodedFrame> small = MediaFixtures.vp8(Fixtures.dir(), 320, 240, 30, 1);
        List<EncodedFrame> large = MediaFixtures.vp8(Fixtures.dir(), 640, 360, 30, 1);
        List<EncodedFrame> all = new ArrayList<>(small);
        long shift = small.get(small.size() - 1).millis() + 33;
        for (EncodedFrame f : large) {
            all.add(new EncodedFrame(f.millis() + shift, f.keyframe(), f.data()));
        }
        Path file = tmp.resolve("resize.mkv");
        write(file, TrackFormat.vp8(320, 240), all, true);

        assertThat(Probe.decodeErrors(file)).isEmpty();
        assertThat(frameSizes(file)).containsExactly("320x240", "640x360");
    }

    @Test
    void h264ResolutionChangeWithInBandParameterSetsDecodes() throws IOException {
        List<EncodedFrame> small = MediaFixtures.h264(Fixtures.dir(), 320, 240, 30, 1);
        List<EncodedFrame> large = MediaFixtures.h264(Fixtures.dir(), 640, 360, 30, 1);
        List<byte[]> nals = MediaFixtures.nalUnits(small.get(0).data());
        byte[] sps = nals.stream().filter(n -> (n[0] & 0x1F) == 7).findFirst().orElseThrow();
        byte[] pps = nals.stream().filter(n -> (n[0] & 0x1F) == 8).findFirst().orElseThrow();
        List<EncodedFrame> all = new ArrayList<>(small);
        long shift = small.get(small.size() - 1).millis() + 33;
        for (EncodedFrame f : large) {
            all.add(new EncodedFrame(f.millis() + shift, f.keyframe(), f.data()));
        }
        Path file = tmp.resolve("h264-resize.mkv");
        write(file, TrackFormat.h264(AvcConfigurationRecord.build(sps, pps), 320, 240), all, true);

        assertThat(Probe.decodeErrors(file)).isEmpty();
        assertThat(frameSizes(file)).containsExactly("320x240", "640x360");
        assertThat(Probe.decodedFrames(file)).isEqualTo(all.size());
    }

    @Test
    void gapsLongerThanTheClusterRangeKeepExactTimestamps() throws IOException {
        List<EncodedFrame> base = MediaFixtures.opus(Fixtures.dir(), 440, 3);
        List<EncodedFrame> gapped = new ArrayList<>();
        for (EncodedFrame f : base) {
            // A 40 s silence (mute) in the middle: longer than a cluster's int16 range.
            long t = f.millis() < 1500 ? f.millis() : f.millis() + 40_000;
            gapped.add(new EncodedFrame(t, true, f.data()));
        }
        Path file = tmp.resolve("gap.mka");
        write(file, TrackFormat.opus(2, 0), gapped, true);

        assertThat(Probe.decodeErrors(file)).isEmpty();
        assertThat(Probe.packetTimes(file)).containsExactlyElementsOf(millisAsSeconds(gapped));
    }

    private static List<Double> millisAsSeconds(List<EncodedFrame> frames) {
        return frames.stream().map(f -> f.millis() / 1000.0).toList();
    }

    private static List<String> frameSizes(Path file) {
        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-select_streams",
                "0",
                "-show_entries",
                "frame=width,height",
                "-of",
                "csv=p=0:s=x",
                file.toString());
        String out = Tools.run(cmd, 120).requireSuccess(cmd).stdout();
        return out.lines()
                .map(s -> s.replaceAll("^(\\d+x\\d+).*$", "$1").trim())
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }
}
