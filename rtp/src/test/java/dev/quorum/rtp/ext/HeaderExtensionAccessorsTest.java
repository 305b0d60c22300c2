package dev.quorum.rtp.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.RtpPacketBuilder;
import dev.quorum.rtp.RtpPacketBuilder.ExtensionForm;
import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chrome's IDs: audio level 1, abs-send-time 2, transport-cc 3, mid 4, rid 10, rrid 11, CVO 13. */
class HeaderExtensionAccessorsTest {

    private ByteBuf buf;

    @AfterEach
    void release() {
        if (buf != null) {
            buf.release();
        }
    }

    private RtpPacket chromeVideo(ExtensionForm form) {
        buf = new RtpPacketBuilder()
                .payloadType(96)
                .extensionForm(form)
                .extension(2, Hex.bytes("12 34 56"))
                .extension(3, Hex.bytes("FF FE"))
                .extension(4, "1".getBytes(StandardCharsets.US_ASCII))
                .extension(10, "h".getBytes(StandardCharsets.US_ASCII))
                .extension(13, new byte[] {0x0D})
                .payload(new byte[] {1})
                .build(Hex.alloc());
        return (RtpPacket) RtpPacket.parse(buf);
    }

    @ParameterizedTest
    @EnumSource(
            value = ExtensionForm.class,
            names = {"ONE_BYTE", "TWO_BYTE"})
    void readsEachExtensionInEitherForm(ExtensionForm form) {
        RtpPacket p = chromeVideo(form);
        assertThat(AbsSendTime.read(p, 2)).isEqualTo(0x123456);
        assertThat(TransportWideSequenceNumber.read(p, 3)).isEqualTo(65534);
        assertThat(SdesExtension.read(p, 4)).isEqualTo("1");
        assertThat(SdesExtension.read(p, 10)).isEqualTo("h");
        assertThat(SdesExtension.matches(p, 10, "h".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(SdesExtension.matches(p, 10, "f".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(SdesExtension.read(p, 11)).isNull();
        int cvo = VideoOrientation.read(p, 13);
        assertThat(VideoOrientation.rotationDegrees(cvo)).isEqualTo(90);
        assertThat(VideoOrientation.flipped(cvo)).isTrue();
        assertThat(VideoOrientation.backCamera(cvo)).isTrue();
    }

    @Test
    void rewritesTheTransportWideSequenceNumberAndSendTimeInPlace() {
        RtpPacket p = chromeVideo(ExtensionForm.ONE_BYTE);
        int lengthBefore = buf.readableBytes();
        assertThat(TransportWideSequenceNumber.write(p, 3, 0x10001)).isTrue();
        assertThat(AbsSendTime.write(p, 2, 0xABCDEF)).isTrue();
        assertThat(TransportWideSequenceNumber.read(p, 3)).isEqualTo(1);
        assertThat(AbsSendTime.read(p, 2)).isEqualTo(0xABCDEF);
        assertThat(SdesExtension.read(p, 4)).isEqualTo("1");
        assertThat(buf.readableBytes()).isEqualTo(lengthBefore);
        assertThat(TransportWideSequenceNumber.write(p, 5, 1)).isFalse();
    }

    @Test
    void anElementOfTheWrongLengthReadsAsAbsent() {
        RtpPacket p = chromeVideo(ExtensionForm.ONE_BYTE);
        assertThat(TransportWideSequenceNumber.read(p, 2)).isEqualTo(-1);
        assertThat(AbsSendTime.read(p, 3)).isEqualTo(-1);
        assertThat(AbsSendTime.write(p, 3, 1)).isFalse();
    }

    @Test
    void audioLevelCarriesLevelAndVoiceFlag() {
        buf = new RtpPacketBuilder()
                .payloadType(111)
                .extension(1, new byte[] {(byte) 0x85})
                .build(Hex.alloc());
        RtpPacket p = (RtpPacket) RtpPacket.parse(buf);
        int raw = AudioLevel.read(p, 1);
        assertThat(AudioLevel.level(raw)).isEqualTo(5);
        assertThat(AudioLevel.voiceActivity(raw)).isTrue();
        assertThat(AudioLevel.voiceActivity(0x7F)).isFalse();
        assertThat(AudioLevel.read(p, 2)).isEqualTo(-1);
    }

    @Test
    void aPacketWithoutExtensionsHasNone() {
        buf = new RtpPacketBuilder().payloadType(111).build(Hex.alloc());
        RtpPacket p = (RtpPacket) RtpPacket.parse(buf);
        assertThat(AudioLevel.read(p, 1)).isEqualTo(-1);
        assertThat(SdesExtension.read(p, 4)).isNull();
        assertThat(VideoOrientation.read(p, 13)).isEqualTo(-1);
    }

    @Test
    void absSendTimeIsSixPointEighteenSecondsWrappingEvery64() {
        assertThat(AbsSendTime.fromNanos(0)).isZero();
        assertThat(AbsSendTime.fromNanos(1_000_000_000L)).isEqualTo(1 << 18);
        assertThat(AbsSendTime.fromNanos(500_000_000L)).isEqualTo(1 << 17);
        assertThat(AbsSendTime.fromNanos(64_000_000_000L)).isZero();
        assertThat(AbsSendTime.fromNanos(63_999_999_999L)).isEqualTo(0xFFFFFF);
        assertThat(AbsSendTime.fromNanos(Long.MAX_VALUE)).isBetween(0, 0xFFFFFF);
        assertThat(AbsSendTime.toNanos(1 << 18)).isEqualTo(1_000_000_000L);
        assertThat(AbsSendTime.toNanos(AbsSendTime.fromNanos(12_345_678_901L)))
                .isBetween(12_345_675_000L, 12_345_678_901L);
    }
}
