package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class RtxTest {

    private static RtpPacketBuilder media() {
        return new RtpPacketBuilder()
                .payloadType(96)
                .sequenceNumber(40_000)
                .timestamp(123_456)
                .ssrc(0x1111)
                .marker(true)
                .csrcs(7, 8, 9)
                .extension(4, "0".getBytes())
                .extension(10, "hi".getBytes())
                .payload(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    }

    @Test
    void unwrapRestoresTheOriginalPacketInPlace() {
        ByteBuf expected = media().build(Hex.alloc());
        ByteBuf rtx = Hex.alloc().buffer();
        try {
            RtpPacket view = (RtpPacket) RtpPacket.parse(expected);
            Rtx.wrapInto(view, 97, 0x2222, 5, rtx);
            RtpPacket rtxView = (RtpPacket) RtpPacket.parse(rtx);
            assertThat(rtxView.payloadType()).isEqualTo(97);
            assertThat(rtxView.ssrc()).isEqualTo(0x2222);
            assertThat(rtxView.sequenceNumber()).isEqualTo(5);
            assertThat(Rtx.originalSequenceNumber(rtxView)).isEqualTo(40_000);
            int readerBefore = rtx.readerIndex();

            RtpParseResult result = Rtx.unwrap(rtxView, 96, 0x1111);

            assertThat(result).isSameAs(rtxView);
            assertThat(rtx.readerIndex()).isEqualTo(readerBefore + 2);
            assertThat(Hex.dump(rtx)).isEqualTo(Hex.dump(expected));
            assertThat(rtxView.sequenceNumber()).isEqualTo(40_000);
            assertThat(rtxView.extensionValue(10)).containsExactly('h', 'i');
        } finally {
            expected.release();
            rtx.release();
        }
    }

    @Test
    void wrapInPlaceUsesHeadroomAndUnwrapUndoesIt() {
        ByteBuf originalBytes = media().padding(3).build(Hex.alloc());
        ByteBuf buf = Hex.alloc().buffer();
        ByteBuf viaCopy = Hex.alloc().buffer();
        try {
            buf.writeZero(2).writeBytes(originalBytes, originalBytes.readerIndex(), originalBytes.readableBytes());
            buf.readerIndex(2);
            RtpPacket view = (RtpPacket) RtpPacket.parse(buf);
            Rtx.wrapInto(view, 97, 0x2222, 65535, viaCopy);

            assertThat(Rtx.wrapInPlace(view, 97, 0x2222, 65535)).isSameAs(view);

            assertThat(buf.readerIndex()).isZero();
            assertThat(Hex.dump(buf)).isEqualTo(Hex.dump(viaCopy));
            assertThat(view.paddingLength()).isEqualTo(3);
            assertThat(Rtx.unwrap(view, 96, 0x1111)).isSameAs(view);
            assertThat(Hex.dump(buf)).isEqualTo(Hex.dump(originalBytes));
        } finally {
            originalBytes.release();
            buf.release();
            viaCopy.release();
        }
    }

    @Test
    void wrapInPlaceWithoutHeadroomLeavesThePacketAlone() {
        ByteBuf buf = media().build(Hex.alloc());
        try {
            String before = Hex.dump(buf);
            RtpPacket view = (RtpPacket) RtpPacket.parse(buf);
            assertThat(Rtx.wrapInPlace(view, 97, 1, 1)).isEqualTo(RtpError.NO_HEADROOM);
            assertThat(Hex.dump(buf)).isEqualTo(before);
        } finally {
            buf.release();
        }
    }

    @Test
    void paddingOnlyProbesAndTruncatedPacketsAreNotRetransmissions() {
        ByteBuf probe = new RtpPacketBuilder().payloadType(97).padding(200).build(Hex.alloc());
        ByteBuf truncated =
                new RtpPacketBuilder().payloadType(97).payload(new byte[] {1}).build(Hex.alloc());
        try {
            RtpPacket view = new RtpPacket();
            view.wrap(probe);
            assertThat(Rtx.unwrap(view, 96, 1)).isEqualTo(RtpError.RTX_PADDING_ONLY);
            assertThat(Rtx.originalSequenceNumber(view)).isEqualTo(-1);
            view.wrap(truncated);
            String before = Hex.dump(truncated);
            assertThat(Rtx.unwrap(view, 96, 1)).isEqualTo(RtpError.RTX_TRUNCATED);
            assertThat(Hex.dump(truncated)).isEqualTo(before);
        } finally {
            probe.release();
            truncated.release();
        }
    }

    @Test
    void moveBytesHandlesOverlapInBothDirections() {
        for (int length : new int[] {0, 1, 7, 8, 9, 16, 23, 76}) {
            for (int shift : new int[] {-3, -2, -1, 1, 2, 3, 9}) {
                ByteBuf buf = Hex.alloc().buffer(120);
                try {
                    for (int i = 0; i < 120; i++) {
                        buf.writeByte(i);
                    }
                    Rtx.moveBytes(buf, 20, 20 + shift, length);
                    for (int i = 0; i < length; i++) {
                        assertThat((int) buf.getUnsignedByte(20 + shift + i))
                                .as("len %d shift %d byte %d", length, shift, i)
                                .isEqualTo(20 + i);
                    }
                } finally {
                    buf.release();
                }
            }
        }
    }
}
