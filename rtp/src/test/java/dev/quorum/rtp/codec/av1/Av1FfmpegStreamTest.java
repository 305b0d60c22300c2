package dev.quorum.rtp.codec.av1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.av1.Av1TestPacketizer.Layout;
import dev.quorum.rtp.testing.CollectingListener;
import dev.quorum.rtp.testing.Ffmpeg;
import dev.quorum.rtp.testing.Hex;
import dev.quorum.rtp.testing.Packets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real libaom stream, packetized by the payload format's rules (ffmpeg 5.1 has no AV1 RTP
 * packetizer, so {@link Av1TestPacketizer} stands in for one) and depacketized again: the temporal
 * units must equal what ffmpeg demuxes from Matroska (no temporal delimiter) and from IVF (with
 * one), with ffmpeg's keyframe flags and the stream's size.
 */
@Tag("slow")
class Av1FfmpegStreamTest {

    @TempDir
    static Path dir;

    static Path matroska;
    static Path ivf;

    @BeforeAll
    static void encode() {
        matroska = dir.resolve("av1.mkv");
        ivf = dir.resolve("av1.ivf");
        Ffmpeg.run(
                dir,
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=320x240:rate=30",
                "-t",
                "2",
                "-pix_fmt",
                "yuv420p",
                "-c:v",
                "libaom-av1",
                "-cpu-used",
                "8",
                "-g",
                "20",
                "-b:v",
                "500k",
                "-y",
                matroska.toString());
        Ffmpeg.run(dir, "-i", matroska.toString(), "-c", "copy", "-y", ivf.toString());
    }

    @Test
    void lengthPrefixedAggregationAndFragmentationGiveTheMatroskaUnits() {
        check(Layout.LENGTH_PREFIXED, 1200, true, false, matroska);
    }

    @Test
    void oneElementPerPacketWithoutTheNBitGivesTheIvfUnitsWithDelimiters() {
        check(Layout.ONE_ELEMENT_PER_PACKET, 300, false, true, ivf);
    }

    private static void check(
            Layout layout, int maxPayload, boolean markNewSequence, boolean delimiter, Path expected) {
        List<byte[]> units = Ffmpeg.packetBytes(matroska);
        List<Ffmpeg.ProbedPacket> probed = Ffmpeg.packets(matroska);
        List<byte[]> want = Ffmpeg.packetBytes(expected);
        CollectingListener out = new CollectingListener();
        int seq = 65000;
        int fragmented = 0;
        try (Av1Depacketizer av1 = new Av1Depacketizer(out, Hex.alloc(), delimiter)) {
            for (int i = 0; i < units.size(); i++) {
                List<byte[]> payloads = Av1TestPacketizer.packetize(units.get(i), maxPayload, layout, markNewSequence);
                fragmented += payloads.size() > 1 ? 1 : 0;
                long timestamp = 0xFFFF0000L + 3000L * i;
                for (int p = 0; p < payloads.size(); p++) {
                    Packets.push(
                            av1,
                            45,
                            seq++ & 0xFFFF,
                            timestamp & 0xFFFFFFFFL,
                            p == payloads.size() - 1,
                            payloads.get(p));
                }
            }
        }
        assertThat(fragmented).as("units spread over several packets").isGreaterThan(5);
        assertThat(out.drops).isEmpty();
        assertThat(out.frames).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            CollectingListener.Emitted frame = out.frames.get(i);
            assertThat(Hex.dump(frame.data())).as("temporal unit %d", i).isEqualTo(Hex.dump(want.get(i)));
            assertThat(frame.keyframe())
                    .as("keyframe flag of unit %d", i)
                    .isEqualTo(probed.get(i).keyframe());
            if (frame.keyframe()) {
                assertThat(frame.width()).isEqualTo(320);
                assertThat(frame.height()).isEqualTo(240);
            }
        }
        assertThat(out.frames.stream().filter(CollectingListener.Emitted::keyframe))
                .hasSizeGreaterThan(1);
    }
}
