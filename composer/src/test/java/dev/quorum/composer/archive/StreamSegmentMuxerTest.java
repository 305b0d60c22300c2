package dev.quorum.composer.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.composer.testing.TestMedia;
import dev.quorum.composer.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One stream segment from per-track recordings: one file, aligned, monotonic, decodable. */
@Tag("slow")
class StreamSegmentMuxerTest {

    static final long T0 = 1_763_000_000_000L;

    @TempDir
    Path dir;

    /** Each stream's packet times (ms) in file order, by codec name. */
    Map<String, List<Long>> packets(Path file) {
        String out = new String(
                Tools.run(Tools.cmd(
                        Tools.ffprobe(),
                        "-v",
                        "error",
                        "-show_entries",
                        "stream=index,codec_name:packet=stream_index,dts",
                        "-of",
                        "csv=p=0",
                        file.toString())),
                StandardCharsets.UTF_8);
        Map<Integer, String> codecs = new TreeMap<>();
        Map<String, List<Long>> times = new TreeMap<>();
        List<String[]> pkts = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length == 2 && f[1].matches("[a-z0-9]+") && !f[1].matches("-?\\d+")) {
                codecs.put(Integer.parseInt(f[0]), f[1]);
            } else if (f.length == 2) {
                pkts.add(f);
            }
        }
        for (String[] p : pkts) {
            times.computeIfAbsent(codecs.get(Integer.parseInt(p[0])), k -> new ArrayList<>())
                    .add(Long.parseLong(p[1]));
        }
        return times;
    }

    String probe(Path file, String entries) {
        return new String(
                        Tools.run(Tools.cmd(
                                Tools.ffprobe(),
                                "-v",
                                "error",
                                "-select_streams",
                                "v:0",
                                "-show_entries",
                                entries,
                                "-of",
                                "csv=p=0",
                                file.toString())),
                        StandardCharsets.UTF_8)
                .trim();
    }

    String decodeErrors(Path file) {
        return new String(
                        Tools.run(Tools.cmd(
                                Tools.ffmpeg(),
                                "-nostdin",
                                "-v",
                                "error",
                                "-i",
                                file.toString(),
                                "-enc_time_base",
                                "-1",
                                "-f",
                                "null",
                                "-")),
                        StandardCharsets.UTF_8)
                .trim();
    }

    @Test
    void audioAndVideoRecordingsBecomeOneWebmOnTheSegmentsClock() throws Exception {
        TestMedia media = new TestMedia(dir);
        Path audio = media.opusTone("a.mka", 440, 3);
        Path video = media.vp8("v.mkv", "red", 320, 240, 3);
        Path out = dir.resolve("segment.webm");
        StreamSegmentMuxer.Result r = StreamSegmentMuxer.mux(
                List.of(new StreamSegmentMuxer.Input(audio, T0)),
                List.of(new StreamSegmentMuxer.Input(video, T0 + 500)),
                T0,
                out,
                "webm");
        assertThat(r.width()).isEqualTo(320);
        assertThat(r.height()).isEqualTo(240);
        assertThat(r.durationMs()).isBetween(3400L, 3600L);
        Map<String, List<Long>> times = packets(out);
        assertThat(times).containsOnlyKeys("opus", "vp8");
        assertThat(times.get("opus").get(0)).isZero();
        assertThat(times.get("vp8").get(0)).as("video placed by its offset").isEqualTo(500L);
        assertThat(probe(out, "stream=width,height")).isEqualTo("320,240");
        assertThat(decodeErrors(out)).isEmpty();
    }

    @Test
    void consecutiveAndOverlappingRecordingsOfAStreamKeepStrictlyIncreasingTimestamps() throws Exception {
        TestMedia media = new TestMedia(dir);
        Path first = media.h264("v1.mkv", "blue", 320, 240, 2);
        Path second = media.h264("v2.mkv", "green", 320, 240, 2);
        Path audio = media.opusTone("a.mka", 440, 4);
        Path out = dir.resolve("segment.mkv");
        // The second recording starts 300 ms before the first one ends, as a restarted track's may.
        StreamSegmentMuxer.mux(
                List.of(new StreamSegmentMuxer.Input(audio, T0)),
                List.of(new StreamSegmentMuxer.Input(first, T0), new StreamSegmentMuxer.Input(second, T0 + 1700)),
                T0,
                out,
                "matroska");
        Map<String, List<Long>> times = packets(out);
        for (List<Long> t : times.values()) {
            for (int i = 1; i < t.size(); i++) {
                assertThat(t.get(i)).as("packet %d", i).isGreaterThan(t.get(i - 1));
            }
        }
        assertThat(times.get("h264").get(times.get("h264").size() - 1)).isBetween(3500L, 3800L);
        assertThat(decodeErrors(out)).isEmpty();
    }
}
