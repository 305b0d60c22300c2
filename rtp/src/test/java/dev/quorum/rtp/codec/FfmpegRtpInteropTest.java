package dev.quorum.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.SequenceNumbers;
import dev.quorum.rtp.codec.h264.H264Depacketizer;
import dev.quorum.rtp.codec.opus.OpusDepacketizer;
import dev.quorum.rtp.codec.vp8.Vp8Depacketizer;
import dev.quorum.rtp.codec.vp9.Vp9Depacketizer;
import dev.quorum.rtp.codec.vp9.Vp9Superframe;
import dev.quorum.rtp.testing.CollectingListener;
import dev.quorum.rtp.testing.Ffmpeg;
import dev.quorum.rtp.testing.Hex;
import dev.quorum.rtp.testing.RtpReceiver;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Depacketizers checked against a packetizer we did not write: ffmpeg encodes a test pattern (or
 * a tone), its RTP muxer streams the file to a loopback port at 1200-byte packets, and every frame
 * rebuilt from those packets must be byte-identical to the packet ffmpeg's demuxer reads from the
 * same file, with the same keyframe flag and relative timestamp.
 *
 * <p>ffmpeg 5.1 has no AV1 RTP packetizer ("Unsupported codec av1"), so AV1 is checked against
 * hand-built vectors in {@code Av1DepacketizerTest} instead.
 */
@Tag("slow")
class FfmpegRtpInteropTest {

    private static final String TEST_PATTERN = "testsrc2=size=320x240:rate=30";
    private static final String SECONDS = "3";

    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        Ffmpeg.requireTools();
    }

    @Test
    void vp8FramesAreTheDemuxedFrames() {
        Path source = encodeVideo(
                "vp8.webm", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M", "-g", "30");
        CollectingListener out = streamAndDepacketize(source, listener -> new Vp8Depacketizer(listener, Hex.alloc()));
        assertSameFrames(source, out, Codec.VP8);
    }

    @Test
    void vp9FramesAreTheDemuxedFrames() {
        Path source = encodeVideo(
                "vp9.webm", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M", "-g", "30");
        CollectingListener out = streamAndDepacketize(
                source, listener -> new Vp9Depacketizer(listener, Hex.alloc()), "-strict", "experimental");
        assertSameFrames(source, out, Codec.VP9);
    }

    @Test
    void vp9SuperframesWithHiddenAltRefFramesAreTheDemuxedFrames() {
        // libvpx emits hidden alt-ref frames only in two-pass mode; each is packed with the next
        // shown frame into a superframe, which ffmpeg sends as one layer frame.
        String passLog = dir.resolve("vp9-2pass").toString();
        String[] vp9 = {"-c:v", "libvpx-vp9", "-cpu-used", "4", "-b:v", "1M", "-g", "60", "-passlogfile", passLog};
        List<String> firstPass =
                new ArrayList<>(List.of("-f", "lavfi", "-i", TEST_PATTERN, "-t", SECONDS, "-pix_fmt", "yuv420p"));
        firstPass.addAll(List.of(vp9));
        firstPass.addAll(List.of("-pass", "1", "-f", "null", "-"));
        Ffmpeg.run(dir, firstPass.toArray(String[]::new));
        List<String> secondPass = new ArrayList<>(List.of(vp9));
        secondPass.addAll(List.of("-pass", "2", "-auto-alt-ref", "1", "-lag-in-frames", "25"));
        Path source = encodeVideo("vp9-altref.webm", secondPass.toArray(String[]::new));
        CollectingListener out = streamAndDepacketize(
                source, listener -> new Vp9Depacketizer(listener, Hex.alloc()), "-strict", "experimental");
        assertSameFrames(source, out, Codec.VP9);
        assertThat(out.frames).as("the stream has superframes").anySatisfy(frame -> {
            ByteBuf data = Hex.buf(frame.data());
            try {
                assertThat(Vp9Superframe.readIndex(data, 0, data.readableBytes(), new int[8]))
                        .isGreaterThan(1);
            } finally {
                data.release();
            }
        });
    }

    @Test
    void h264AccessUnitsAreTheDemuxedAvccFramesAndTheAvcCMatches() {
        // Matroska stores H.264 as 4-byte length-prefixed NAL units: the canonical form we emit.
        // Repeated headers put SPS/PPS in-band; two slices per picture give STAP-A and FU-A.
        Path source = encodeVideo(
                "h264.mkv",
                "-c:v",
                "libx264",
                "-profile:v",
                "baseline",
                "-preset",
                "ultrafast",
                "-g",
                "30",
                "-x264-params",
                "repeat-headers=1:slices=2");
        List<H264Depacketizer> depacketizer = new ArrayList<>();
        CollectingListener out = streamAndDepacketize(source, listener -> {
            H264Depacketizer h264 = new H264Depacketizer(listener, Hex.alloc());
            depacketizer.add(h264);
            return h264;
        });
        assertSameFrames(source, out, Codec.H264);
        assertThat(depacketizer.get(0).decoderConfigurationRecord())
                .as("avcC built from the in-band SPS/PPS equals the one ffmpeg wrote to the file")
                .isEqualTo(Ffmpeg.stream(source).extradata());
    }

    @Test
    void opusFramesAreTheDemuxedPacketsWithTheirDurations() {
        Path source = dir.resolve("opus.webm");
        Ffmpeg.run(
                dir,
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000",
                "-t",
                SECONDS,
                "-c:a",
                "libopus",
                "-b:a",
                "64k",
                "-frame_duration",
                "20",
                "-y",
                source.toString());
        CollectingListener out = streamAndDepacketize(source, OpusDepacketizer::new);
        assertSameFrames(source, out, Codec.OPUS);
        assertThat(out.frames).allSatisfy(frame -> assertThat(frame.duration()).isEqualTo(960));
    }

    private static Path encodeVideo(String name, String... codecArgs) {
        Path source = dir.resolve(name);
        List<String> args =
                new ArrayList<>(List.of("-f", "lavfi", "-i", TEST_PATTERN, "-t", SECONDS, "-pix_fmt", "yuv420p"));
        args.addAll(List.of(codecArgs));
        args.addAll(List.of("-y", source.toString()));
        Ffmpeg.run(dir, args.toArray(String[]::new));
        return source;
    }

    private static CollectingListener streamAndDepacketize(
            Path source, Function<Depacketizer.Listener, Depacketizer> factory, String... muxArgs) {
        Path log = dir.resolve(source.getFileName() + ".rtp.log");
        List<byte[]> datagrams = RtpReceiver.receive(
                port -> {
                    List<String> args = new ArrayList<>(
                            List.of("-v", "error", "-i", source.toString(), "-map", "0:0", "-c", "copy"));
                    args.addAll(List.of(muxArgs));
                    args.addAll(
                            List.of("-f", "rtp", "-payload_type", "96", "rtp://127.0.0.1:" + port + "?pkt_size=1200"));
                    return Ffmpeg.start(log, args.toArray(String[]::new));
                },
                log);
        assertThat(datagrams).as("RTP packets from ffmpeg").isNotEmpty();

        CollectingListener out = new CollectingListener();
        RtpPacket view = new RtpPacket();
        int previous = -1;
        try (Depacketizer depacketizer = factory.apply(out)) {
            for (byte[] datagram : datagrams) {
                ByteBuf buf = Hex.buf(datagram);
                try {
                    assertThat(view.wrap(buf)).as("ffmpeg's packet parses").isSameAs(view);
                    assertThat(view.length()).isLessThanOrEqualTo(1200);
                    if (previous >= 0) {
                        assertThat(SequenceNumbers.delta(previous, view.sequenceNumber()))
                                .as("loopback delivered every packet in order")
                                .isEqualTo(1);
                    }
                    previous = view.sequenceNumber();
                    depacketizer.push(view);
                } finally {
                    buf.release();
                }
            }
        }
        return out;
    }

    private static void assertSameFrames(Path source, CollectingListener out, Codec codec) {
        List<Ffmpeg.ProbedPacket> expected = Ffmpeg.packets(source);
        Ffmpeg.ProbedStream stream = Ffmpeg.stream(source);
        assertThat(stream.timeBase()).isEqualTo("1/1000");
        assertThat(out.drops).as("nothing dropped").isEmpty();
        assertThat(out.keyframeRequests).isZero();
        assertThat(out.frames).hasSameSizeAs(expected);
        long firstTimestamp = out.frames.get(0).timestamp();
        long firstPts = expected.get(0).pts();
        for (int i = 0; i < expected.size(); i++) {
            CollectingListener.Emitted frame = out.frames.get(i);
            Ffmpeg.ProbedPacket packet = expected.get(i);
            assertThat(frame.data().length).as("size of frame %d", i).isEqualTo(packet.size());
            assertThat(md5(frame.data())).as("bytes of frame %d", i).isEqualTo(packet.md5());
            assertThat(frame.keyframe())
                    .as("keyframe flag of frame %d", i)
                    .isEqualTo(packet.keyframe() || codec.isAudio());
            assertThat(frame.timestamp() - firstTimestamp)
                    .as("timestamp of frame %d", i)
                    .isEqualTo((packet.pts() - firstPts) * codec.clockRate() / 1000);
            if (frame.keyframe() && !codec.isAudio()) {
                assertThat(frame.width()).isEqualTo(stream.width());
                assertThat(frame.height()).isEqualTo(stream.height());
            }
        }
        assertThat(out.frames.stream().filter(CollectingListener.Emitted::keyframe))
                .as("the stream has several keyframes")
                .hasSizeGreaterThan(codec.isAudio() ? 100 : 1);
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
