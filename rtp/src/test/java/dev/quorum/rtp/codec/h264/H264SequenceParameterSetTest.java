package dev.quorum.rtp.codec.h264;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPS NAL units written by libx264 (with emulation prevention bytes, as they travel in RTP). */
class H264SequenceParameterSetTest {

    static final String BASELINE_320X240 = "6742c00dd90141fb0110000003001000000303c0f142a480";
    static final String BASELINE_320X240_PPS = "68cb83cb20";
    static final String HIGH_1280X720 = "6764001facd9405005bb0110000003001000000303c0f1831960";
    static final String HIGH_PPS = "68ebe3cb22c0";

    static Stream<Arguments> parameterSets() {
        return Stream.of(
                Arguments.of("baseline 320x240", BASELINE_320X240, 66, 13, 320, 240),
                Arguments.of(
                        "baseline 320x180, cropped from 12 macroblock rows",
                        "6742c00dd901419f9f0110000003001000000303c0f142a480",
                        66,
                        13,
                        320,
                        180),
                Arguments.of(
                        "baseline 1280x720", "6742c01fd9005005bb0110000003001000000303c0f1832480", 66, 31, 1280, 720),
                Arguments.of("high 320x180", "6764000dacd941419f9f0110000003001000000303c0f1429960", 100, 13, 320, 180),
                Arguments.of("high 1280x720", HIGH_1280X720, 100, 31, 1280, 720));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterSets")
    void readsProfileLevelAndCroppedSize(String name, String hex, int profile, int level, int width, int height) {
        ByteBuf buf = Hex.buf(hex);
        try {
            H264SequenceParameterSet sps = H264SequenceParameterSet.parse(buf, 0, buf.readableBytes());
            assertThat(sps).isNotNull();
            assertThat(sps.profileIdc()).isEqualTo(profile);
            assertThat(sps.levelIdc()).isEqualTo(level);
            assertThat(sps.width()).isEqualTo(width);
            assertThat(sps.height()).isEqualTo(height);
            assertThat(sps.chromaFormatIdc()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    @Test
    void truncatedOrForeignNalUnitsGiveNull() {
        byte[] sps = Hex.bytes(BASELINE_320X240);
        for (int length = 0; length < 7; length++) {
            ByteBuf buf = Hex.buf(java.util.Arrays.copyOf(sps, length));
            try {
                assertThat(H264SequenceParameterSet.parse(buf, 0, length))
                        .as("%d bytes", length)
                        .isNull();
            } finally {
                buf.release();
            }
        }
        ByteBuf pps = Hex.buf(BASELINE_320X240_PPS);
        try {
            assertThat(H264SequenceParameterSet.parse(pps, 0, pps.readableBytes()))
                    .isNull();
        } finally {
            pps.release();
        }
    }

    @Test
    void avcCForBaselineHasNoExtension() {
        byte[] avcc = AvcDecoderConfigurationRecord.build(Hex.bytes(BASELINE_320X240), Hex.bytes(BASELINE_320X240_PPS));
        assertThat(Hex.dump(avcc))
                .isEqualTo("01" + "42c00d" + "ff" + "e1" + "0018" + BASELINE_320X240 + "01" + "0005"
                        + BASELINE_320X240_PPS);
    }

    @Test
    void avcCForHighProfileCarriesChromaAndBitDepth() {
        byte[] avcc = AvcDecoderConfigurationRecord.build(Hex.bytes(HIGH_1280X720), Hex.bytes(HIGH_PPS));
        assertThat(Hex.dump(avcc)).startsWith("01" + "64001f" + "ffe1").endsWith("01" + "0006" + HIGH_PPS + "fdf8f800");
    }
}
