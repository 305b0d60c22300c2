package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.recorder.mkv.AvcConfigurationRecord;
import dev.quorum.recorder.mkv.MatroskaCodec;
import dev.quorum.recorder.mkv.TrackFormat;
import dev.quorum.recorder.testing.EncodedFrame;
import dev.quorum.recorder.testing.Fixtures;
import dev.quorum.recorder.testing.MediaFixtures;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrackFormatsTest {

    @Test
    void vp8AndVp9SizesAreReadFromTheKeyframeWhenTheDepacketizerDidNot() {
        EncodedFrame vp8 = MediaFixtures.vp8(Fixtures.dir(), 640, 360, 30, 1).get(0);
        EncodedFrame vp9 = MediaFixtures.vp9(Fixtures.dir(), 320, 240, 30, 2).get(0);

        TrackFormat a = format(MatroskaCodec.VP8, vp8.data(), 0, 0, null);
        TrackFormat b = format(MatroskaCodec.VP9, vp9.data(), 0, 0, null);

        assertThat(a.pixelWidth()).isEqualTo(640);
        assertThat(a.pixelHeight()).isEqualTo(360);
        assertThat(b.pixelWidth()).isEqualTo(320);
        assertThat(b.pixelHeight()).isEqualTo(240);
    }

    @Test
    void h264TakesTheKeyframesOwnParameterSetsOrElseTheEarlierOnes() {
        EncodedFrame idr = MediaFixtures.h264(Fixtures.dir(), 320, 240, 30, 1).get(0);
        List<byte[]> nals = MediaFixtures.nalUnits(idr.data());
        byte[] sps = nals.stream().filter(n -> (n[0] & 0x1F) == 7).findFirst().orElseThrow();
        byte[] pps = nals.stream().filter(n -> (n[0] & 0x1F) == 8).findFirst().orElseThrow();
        byte[] avcC = AvcConfigurationRecord.build(sps, pps);
        ByteArrayOutputStream bare = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            if ((n[0] & 0x1F) == 5) {
                bare.write(n.length >>> 24);
                bare.write(n.length >>> 16);
                bare.write(n.length >>> 8);
                bare.write(n.length);
                bare.writeBytes(n);
            }
        }

        assertThat(format(MatroskaCodec.H264, idr.data(), 320, 240, null).codecPrivate())
                .isEqualTo(avcC);
        assertThat(format(MatroskaCodec.H264, bare.toByteArray(), 320, 240, null))
                .isNull();
        assertThat(format(MatroskaCodec.H264, bare.toByteArray(), 320, 240, avcC)
                        .codecPrivate())
                .isEqualTo(avcC);
        assertThat(format(MatroskaCodec.H264, idr.data(), 0, 0, null))
                .as("size unknown")
                .isNull();
    }

    @Test
    void garbageGivesNoFormatAndNeverThrows() {
        Random r = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            for (MatroskaCodec c : List.of(MatroskaCodec.VP8, MatroskaCodec.VP9, MatroskaCodec.H264)) {
                TrackFormat f = format(c, b, 0, 0, null);
                if (f != null) {
                    assertThat(f.pixelWidth()).isPositive();
                }
            }
        }
    }

    private static TrackFormat format(MatroskaCodec codec, byte[] data, int w, int h, byte[] avcC) {
        ByteBuf b = Unpooled.wrappedBuffer(data);
        try {
            return TrackFormats.forKeyframe(codec, b, w, h, 0, avcC);
        } finally {
            b.release();
        }
    }
}
