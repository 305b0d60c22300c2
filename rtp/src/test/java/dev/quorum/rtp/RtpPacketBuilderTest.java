package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.rtp.RtpPacketBuilder.ExtensionForm;
import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class RtpPacketBuilderTest {

    @Test
    void writesTheFieldsTheParserReads() {
        RtpPacketBuilder builder = new RtpPacketBuilder()
                .payloadType(111)
                .marker(true)
                .sequenceNumber(65535)
                .timestamp(0xFFFFFFFFL)
                .ssrc(0x80000000L)
                .csrcs(1, 2)
                .extension(1, new byte[] {0x7F})
                .extension(3, new byte[] {1, 2, 3})
                .payload(new byte[] {9, 8, 7})
                .padding(4);
        ByteBuf buf = builder.build(Hex.alloc());
        try {
            assertThat(buf.readableBytes()).isEqualTo(builder.encodedLength());
            RtpPacket p = (RtpPacket) RtpPacket.parse(buf);
            assertThat(p.payloadType()).isEqualTo(111);
            assertThat(p.marker()).isTrue();
            assertThat(p.sequenceNumber()).isEqualTo(65535);
            assertThat(p.timestamp()).isEqualTo(0xFFFFFFFFL);
            assertThat(p.ssrc()).isEqualTo(0x80000000L);
            assertThat(p.csrc(1)).isEqualTo(2);
            assertThat(p.hasOneByteExtensions()).isTrue();
            assertThat(p.extensionValue(1)).containsExactly(0x7F);
            assertThat(p.extensionValue(3)).containsExactly(1, 2, 3);
            assertThat(Hex.toBytes(p.payload())).containsExactly(9, 8, 7);
            assertThat(p.paddingLength()).isEqualTo(4);
        } finally {
            buf.release();
        }
    }

    @Test
    void switchesToTheTwoByteFormWhenAnElementDoesNotFitOneByte() {
        RtpPacketBuilder builder =
                new RtpPacketBuilder().extension(15, new byte[] {1}).extension(2, new byte[0]);
        ByteBuf buf = builder.build(Hex.alloc());
        try {
            RtpPacket p = (RtpPacket) RtpPacket.parse(buf);
            assertThat(p.hasTwoByteExtensions()).isTrue();
            assertThat(p.extensionValue(15)).containsExactly(1);
            assertThat(p.extensionValue(2)).isEmpty();
            assertThat(Hex.dump(buf)).endsWith("10000002" + "0f0101" + "0200" + "000000");
        } finally {
            buf.release();
        }
    }

    @Test
    void forcedOneByteFormRejectsElementsThatDoNotFit() {
        RtpPacketBuilder builder =
                new RtpPacketBuilder().extensionForm(ExtensionForm.ONE_BYTE).extension(2, new byte[17]);
        assertThatThrownBy(builder::encodedLength).isInstanceOf(IllegalStateException.class);
    }
}
