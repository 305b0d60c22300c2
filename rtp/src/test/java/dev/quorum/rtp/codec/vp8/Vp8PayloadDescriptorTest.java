package dev.quorum.rtp.codec.vp8;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Vp8PayloadDescriptorTest {

    /** name, descriptor + one payload byte, length, start, pictureId, tl0, tid, keyIdx. */
    static Stream<Arguments> descriptors() {
        return Stream.of(
                Arguments.of("minimal, start of frame", "10 | 9D", 1, true, -1, -1, -1, -1),
                Arguments.of("continuation of partition 1", "01 | 9D", 1, false, -1, -1, -1, -1),
                Arguments.of("X set but nothing in it", "90 00 | 9D", 2, true, -1, -1, -1, -1),
                Arguments.of("7-bit PictureID", "90 80 05 | 9D", 3, true, 5, -1, -1, -1),
                Arguments.of("15-bit PictureID", "90 80 81 02 | 9D", 4, true, 0x102, -1, -1, -1),
                Arguments.of(
                        "PictureID, TL0PICIDX, TID and KEYIDX", "90 F0 FF FF 07 9F | 9D", 6, true, 0x7FFF, 7, 2, 31),
                Arguments.of("TID without KEYIDX", "80 20 40 | 9D", 3, false, -1, -1, 1, -1),
                Arguments.of("KEYIDX without TID", "80 10 05 | 9D", 3, false, -1, -1, -1, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void readsTheFieldsPresent(
            String name, String hex, int length, boolean start, int pictureId, int tl0, int tid, int keyIdx) {
        ByteBuf buf = Hex.buf(hex);
        try {
            Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();
            assertThat(d.wrap(buf, 0, buf.readableBytes())).isTrue();
            assertThat(d.error()).isNull();
            assertThat(d.length()).isEqualTo(length);
            assertThat(d.startOfFrame()).isEqualTo(start);
            assertThat(d.pictureId()).isEqualTo(pictureId);
            assertThat(d.hasPictureId()).isEqualTo(pictureId >= 0);
            assertThat(d.tl0PicIdx()).isEqualTo(tl0);
            assertThat(d.temporalLayer()).isEqualTo(tid);
            assertThat(d.keyIndex()).isEqualTo(keyIdx);
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> truncated() {
        return Stream.of(
                Arguments.of("empty payload", ""),
                Arguments.of("X without its byte", "90"),
                Arguments.of("I without PictureID", "90 80"),
                Arguments.of("M without the second PictureID byte", "90 80 81"),
                Arguments.of("L without TL0PICIDX", "90 40"),
                Arguments.of("T without its byte", "90 E0 01 02"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncated")
    void rejectsDescriptorsRunningPastThePayload(String name, String hex) {
        ByteBuf buf = Hex.buf(hex);
        try {
            Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();
            assertThat(d.wrap(buf, 0, buf.readableBytes())).isFalse();
            assertThat(d.error()).isEqualTo(PayloadError.VP8_TRUNCATED_DESCRIPTOR);
        } finally {
            buf.release();
        }
    }

    @Test
    void rewritesPictureIdAndTl0PicIdxInPlaceKeepingTheirWidth() {
        ByteBuf buf = Hex.buf("90 E0 81 02 07 40 | 9D 01 2A");
        try {
            Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();
            d.wrap(buf, 0, buf.readableBytes());
            d.setPictureId(0x8001);
            d.setTl0PicIdx(0x100 + 9);
            assertThat(Hex.dump(buf)).isEqualTo("90e0" + "8001" + "09" + "40" + "9d012a");
            assertThat(d.pictureId()).isEqualTo(1);
            assertThat(d.tl0PicIdx()).isEqualTo(9);
        } finally {
            buf.release();
        }
    }

    @Test
    void rewritesASevenBitPictureIdWithinSevenBits() {
        ByteBuf buf = Hex.buf("90 80 7F | 00");
        try {
            Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();
            d.wrap(buf, 0, buf.readableBytes());
            d.setPictureId(128);
            assertThat(Hex.dump(buf)).isEqualTo("90800000");
            assertThat(d.pictureIdBits()).isEqualTo(7);
        } finally {
            buf.release();
        }
    }
}
