package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.mkv.MatroskaRecovery;
import dev.quorum.recorder.testing.EncodedFrame;
import dev.quorum.recorder.testing.Fixtures;
import dev.quorum.recorder.testing.Lend;
import dev.quorum.recorder.testing.MediaFixtures;
import dev.quorum.recorder.testing.PipelineFixture;
import dev.quorum.recorder.testing.TestPacketizer;
import dev.quorum.recorder.testing.TestPacketizer.Packet;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.recording.Recording;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Corrupted and random packets (seeded) through a track's whole pipeline: nothing throws, nothing
 * leaks, and the track still ends as a completed Recording whose file our scanner reads.
 */
@Tag("slow")
class TrackRecorderFuzzTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"opus", "VP8", "H264"})
    void corruptedStreamsNeverBreakThePipeline(String codec) throws Exception {
        Random random = new Random(codec.hashCode());
        List<Packet> packets = switch (codec) {
            case "opus" ->
                new TestPacketizer(111, 3, 48_000, 60_000, 77).opus(MediaFixtures.opus(Fixtures.dir(), 440, 3));
            case "VP8" ->
                new TestPacketizer(111, 3, 90_000, 60_000, 77).vp8(MediaFixtures.vp8(Fixtures.dir(), 320, 240, 30, 3));
            default -> new TestPacketizer(111, 3, 90_000, 60_000, 77).h264(h264Frames());
        };
        try (PipelineFixture f = new PipelineFixture(dir, RecorderConfig.defaults())) {
            TrackRecorder t =
                    f.recorder(f.track(codec.equals("opus") ? TrackKind.AUDIO : TrackKind.VIDEO, codec, 111), () -> {});
            long now = 0;
            for (int round = 0; round < 4; round++) {
                for (Packet p : packets) {
                    now += MS;
                    Lend.rtp(t, mutate(p.bytes(), random), now);
                    if (random.nextInt(10) == 0) {
                        Lend.rtp(t, noise(random), now);
                    }
                    if (random.nextInt(200) == 0) {
                        t.onSenderReport(3, random.nextLong(), random.nextInt() & 0xFFFF_FFFFL, now);
                    }
                    if (random.nextInt(8) == 0) {
                        t.service(now);
                    }
                }
            }
            f.finish(t, now + 1_000 * MS);

            assertThat(f.recordings())
                    .as("damage leaves enough intact packets to record")
                    .isNotEmpty();
            assertThat(t.dropped(DropReason.MALFORMED) + t.dropped(DropReason.UNEXPECTED_PAYLOAD_TYPE))
                    .as("noise is counted")
                    .isPositive();
            for (Recording r : f.recordings()) {
                assertThat(r.status()).isIn(Recording.COMPLETED, Recording.FAILED);
                if (r.status().equals(Recording.COMPLETED)) {
                    assertThat(MatroskaRecovery.scan(f.file(r)).finalized()).isTrue();
                }
            }
        }
    }

    /** The packet, one time in four with some damage: flipped bits, a cut, or a wild header field. */
    private static ByteBuf mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int length = b.length;
        switch (random.nextInt(16)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> length = random.nextInt(b.length + 1);
            case 2 -> {
                b[2] = (byte) random.nextInt();
                b[3] = (byte) random.nextInt();
            }
            case 3 -> b[4 + random.nextInt(4)] = (byte) random.nextInt();
            default -> {}
        }
        return PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, length)).writeBytes(b, 0, length);
    }

    private static ByteBuf noise(Random random) {
        byte[] b = new byte[random.nextInt(1400)];
        random.nextBytes(b);
        if (b.length > 1) {
            b[0] = (byte) 0x80;
            b[1] = 111;
        }
        return PooledByteBufAllocator.DEFAULT
                .directBuffer(Math.max(1, b.length))
                .writeBytes(b);
    }

    private static List<EncodedFrame> h264Frames() {
        return MediaFixtures.h264(Fixtures.dir(), 320, 240, 30, 2);
    }
}
