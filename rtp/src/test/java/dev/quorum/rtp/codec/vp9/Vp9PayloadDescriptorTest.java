package dev.quorum.rtp.codec.vp9;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Vp9PayloadDescriptorTest {

    private static Vp9PayloadDescriptor read(ByteBuf buf) {
        Vp9PayloadDescriptor d = new Vp9PayloadDescriptor();
        assertThat(d.wrap(buf, 0, buf.readableBytes())).as("%s", d.error()).isTrue();
        return d;
    }

    @Test
    void nonFlexibleModeWithLayerIndicesAndScalabilityStructure() {
        ByteBuf buf = Hex.buf("""
                AE          // I=1 P=0 L=1 F=0 B=1 E=1 V=1 Z=0
                80 01       // M=1, picture ID 1
                23          // TID=1 U=0 SID=1 D=1
                05          // TL0PICIDX
                38          // SS: N_S=1 (2 layers), Y=1, G=1
                01 40 00 B4 // layer 0: 320x180
                02 80 01 68 // layer 1: 640x360
                01          // N_G=1
                24 01       // TID=1 U=0 R=1, P_DIFF 1
                9D          // VP9 data
                """);
        try {
            Vp9PayloadDescriptor d = read(buf);
            assertThat(d.length()).isEqualTo(buf.readableBytes() - 1);
            assertThat(d.interPicturePredicted()).isFalse();
            assertThat(d.flexibleMode()).isFalse();
            assertThat(d.startOfLayerFrame()).isTrue();
            assertThat(d.endOfLayerFrame()).isTrue();
            assertThat(d.pictureId()).isEqualTo(1);
            assertThat(d.pictureIdBits()).isEqualTo(15);
            assertThat(d.temporalLayer()).isEqualTo(1);
            assertThat(d.spatialLayer()).isEqualTo(1);
            assertThat(d.interLayerDependency()).isTrue();
            assertThat(d.tl0PicIdx()).isEqualTo(5);
            assertThat(d.spatialLayerCount()).isEqualTo(2);
            assertThat(d.width(1)).isEqualTo(640);
            assertThat(d.height(0)).isEqualTo(180);
        } finally {
            buf.release();
        }
    }

    @Test
    void flexibleModeListsReferenceDiffs() {
        ByteBuf buf = Hex.buf("""
                DC          // I=1 P=1 L=0 F=1 B=1 E=1 V=0 Z=0
                7F          // 7-bit picture ID 127
                03 04       // P_DIFF 1 (N=1), P_DIFF 2 (N=0)
                AA
                """);
        try {
            Vp9PayloadDescriptor d = read(buf);
            assertThat(d.flexibleMode()).isTrue();
            assertThat(d.interPicturePredicted()).isTrue();
            assertThat(d.pictureId()).isEqualTo(127);
            assertThat(d.referenceCount()).isEqualTo(2);
            assertThat(d.referenceDiff(0)).isEqualTo(1);
            assertThat(d.referenceDiff(1)).isEqualTo(2);
            assertThat(d.tl0PicIdx()).isEqualTo(-1);
            assertThat(d.hasLayerIndices()).isFalse();
            assertThat(d.length()).isEqualTo(4);
        } finally {
            buf.release();
        }
    }

    @Test
    void flexibleModeLayerIndicesHaveNoTl0PicIdx() {
        ByteBuf buf = Hex.buf("3C 02 | AA");
        try {
            Vp9PayloadDescriptor d = read(buf);
            assertThat(d.spatialLayer()).isEqualTo(1);
            assertThat(d.tl0PicIdx()).isEqualTo(-1);
            assertThat(d.length()).isEqualTo(2);
        } finally {
            buf.release();
        }
    }

    @Test
    void rewritesPictureIdAndTl0PicIdxInPlace() {
        ByteBuf buf = Hex.buf("AC 80 01 00 05 | AA");
        try {
            Vp9PayloadDescriptor d = read(buf);
            d.setPictureId(0x1234);
            d.setTl0PicIdx(6);
            assertThat(Hex.dump(buf)).isEqualTo("ac" + "9234" + "00" + "06" + "aa");
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", PayloadError.VP9_TRUNCATED_DESCRIPTOR),
                Arguments.of("I without picture ID", "88", PayloadError.VP9_TRUNCATED_DESCRIPTOR),
                Arguments.of("M without extended picture ID", "88 80", PayloadError.VP9_TRUNCATED_DESCRIPTOR),
                Arguments.of("L without TL0PICIDX", "28 00", PayloadError.VP9_TRUNCATED_DESCRIPTOR),
                Arguments.of("P_DIFF announced but missing", "58", PayloadError.VP9_TRUNCATED_DESCRIPTOR),
                Arguments.of("four P_DIFFs", "58 03 05 07 09", PayloadError.VP9_TOO_MANY_REFERENCES),
                Arguments.of("V without SS", "0A", PayloadError.VP9_TRUNCATED_DESCRIPTOR),
                Arguments.of("SS resolutions cut short", "0A 30 01 40 00", PayloadError.VP9_BAD_SCALABILITY_STRUCTURE),
                Arguments.of("SS picture group without N_G", "0A 08", PayloadError.VP9_BAD_SCALABILITY_STRUCTURE),
                Arguments.of(
                        "SS picture group entry missing", "0A 08 02 04 01", PayloadError.VP9_BAD_SCALABILITY_STRUCTURE),
                Arguments.of(
                        "SS picture group P_DIFF missing",
                        "0A 08 01 08 01",
                        PayloadError.VP9_BAD_SCALABILITY_STRUCTURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedDescriptors(String name, String hex, PayloadError expected) {
        ByteBuf buf = Hex.buf(hex);
        try {
            Vp9PayloadDescriptor d = new Vp9PayloadDescriptor();
            assertThat(d.wrap(buf, 0, buf.readableBytes())).isFalse();
            assertThat(d.error()).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }
}
