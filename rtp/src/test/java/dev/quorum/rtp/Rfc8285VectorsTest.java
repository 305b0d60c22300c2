package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The header extension layouts drawn in RFC 8285 §4.2 (one-byte) and §4.3 (two-byte), filled with
 * concrete data bytes.
 */
class Rfc8285VectorsTest {

    private static final String FIXED_HEADER_WITH_X = "90 60 00 01 00 00 00 01 00 00 00 01";

    private ByteBuf buf;

    @AfterEach
    void release() {
        buf.release();
    }

    private RtpPacket parse(String hex) {
        buf = Hex.buf(hex);
        RtpParseResult result = RtpPacket.parse(buf);
        assertThat(result).isInstanceOf(RtpPacket.class);
        return (RtpPacket) result;
    }

    @Test
    void oneByteFormFigure() {
        RtpPacket p = parse(FIXED_HEADER_WITH_X + """
                BE DE 00 03    // 0xBEDE, length=3 words
                10 A1          // ID=1 L=0: one byte of data
                21 B1 B2       // ID=2 L=1: two bytes
                00 00          // padding
                33 C1 C2 C3 C4 // ID=3 L=3: four bytes
                FF             // payload
                """);
        assertThat(p.hasOneByteExtensions()).isTrue();
        assertThat(p.extensionValue(1)).containsExactly(0xA1);
        assertThat(p.extensionValue(2)).containsExactly(0xB1, 0xB2);
        assertThat(p.extensionValue(3)).containsExactly(0xC1, 0xC2, 0xC3, 0xC4);
        assertThat(p.extensionOffset(3)).isEqualTo(12 + 4 + 8);
        assertThat(p.extensionValue(4)).isNull();
        assertThat(p.payloadOffset()).isEqualTo(28);
        assertThat(p.payloadLength()).isEqualTo(1);
    }

    @Test
    void twoByteFormFigure() {
        RtpPacket p = parse(FIXED_HEADER_WITH_X + """
                10 00 00 03    // 0x100 + appbits 0, length=3 words
                01 00          // ID=1 L=0: no data
                02 01 B1       // ID=2 L=1
                00             // padding
                03 04 C1 C2 C3 C4 // ID=3 L=4
                """);
        assertThat(p.hasTwoByteExtensions()).isTrue();
        assertThat(p.extensionLength(1)).isZero();
        assertThat(p.extensionValue(1)).isEmpty();
        assertThat(p.extensionValue(2)).containsExactly(0xB1);
        assertThat(p.extensionValue(3)).containsExactly(0xC1, 0xC2, 0xC3, 0xC4);
        assertThat(p.payloadLength()).isZero();
    }

    @Test
    void twoByteFormAllowsApplicationBitsAndIdsAbove14() {
        RtpPacket p = parse(FIXED_HEADER_WITH_X + """
                10 0F 00 01    // appbits 0xF
                FE 02 AA BB    // ID=254, two bytes
                """);
        assertThat(p.hasTwoByteExtensions()).isTrue();
        assertThat(p.extensionProfile()).isEqualTo(0x100F);
        assertThat(p.extensionValue(254)).containsExactly(0xAA, 0xBB);
    }

    @Test
    void oneByteIdFifteenEndsTheBlock() {
        RtpPacket p = parse(FIXED_HEADER_WITH_X + """
                BE DE 00 02
                10 A1          // ID=1
                F0             // ID=15: stop processing here
                20 B1          // ID=2 would be here, but is not considered
                00 00 00
                """);
        assertThat(p.extensionValue(1)).containsExactly(0xA1);
        assertThat(p.extensionValue(2)).isNull();
    }

    @Test
    void anUnknownProfileIsKeptButHasNoElements() {
        RtpPacket p = parse(FIXED_HEADER_WITH_X + "AB CD 00 01 | 10 A1 00 00 | 77");
        assertThat(p.hasExtension()).isTrue();
        assertThat(p.extensionProfile()).isEqualTo(0xABCD);
        assertThat(p.hasOneByteExtensions()).isFalse();
        assertThat(p.hasTwoByteExtensions()).isFalse();
        assertThat(p.extensionValue(1)).isNull();
        assertThat(p.payloadLength()).isEqualTo(1);
    }

    @Test
    void anEmptyExtensionBlockIsValid() {
        RtpPacket p = parse(FIXED_HEADER_WITH_X + "BE DE 00 00 | 77");
        assertThat(p.hasExtension()).isTrue();
        assertThat(p.extensionOffset(1)).isEqualTo(-1);
        assertThat(p.payloadOffset()).isEqualTo(16);
    }

    @Test
    void aHeapBufferAtAnArrayOffsetReadsTheSameElements() {
        byte[] packet = Hex.bytes(FIXED_HEADER_WITH_X + "BE DE 00 03 | 10 A1 | 21 B1 B2 | 00 00 | 33 C1 C2 C3 C4 | FF");
        byte[] padded = new byte[packet.length + 7];
        System.arraycopy(packet, 0, padded, 5, packet.length);
        buf = io.netty.buffer.Unpooled.wrappedBuffer(padded, 5, packet.length);
        RtpPacket p = (RtpPacket) RtpPacket.parse(buf);
        assertThat(buf.hasArray()).isTrue();
        assertThat(p.extensionValue(2)).containsExactly(0xB1, 0xB2);
        assertThat(p.extensionValue(3)).containsExactly(0xC1, 0xC2, 0xC3, 0xC4);
        assertThat(p.extensionOffset(3)).isEqualTo(24);
    }

    @Test
    void elementsBeyondTheIndexedOnesAreStillFound() {
        RtpPacketBuilder builder =
                new RtpPacketBuilder().payloadType(96).extensionForm(RtpPacketBuilder.ExtensionForm.TWO_BYTE);
        for (int id = 1; id <= 40; id++) {
            builder.extension(id, new byte[] {(byte) id, (byte) (id + 1)});
        }
        buf = builder.build(Hex.alloc());
        RtpPacket p = (RtpPacket) RtpPacket.parse(buf);
        for (int id = 1; id <= 40; id++) {
            assertThat(p.extensionValue(id)).as("element %d", id).containsExactly(id, id + 1);
        }
        assertThat(p.extensionValue(41)).isNull();
    }

    @Test
    void rewritesAValueInPlaceWithoutMovingAnything() {
        RtpPacket p = parse(FIXED_HEADER_WITH_X + "BE DE 00 02 | 10 A1 | 21 B1 B2 | 00 00 00 | 99");
        assertThat(p.setExtensionValue(2, new byte[] {0x01, 0x02})).isSameAs(p);
        assertThat(Hex.dump(buf))
                .isEqualTo("906000010000000100000001" + "bede0002" + "10a1" + "210102" + "000000" + "99");
        assertThat(p.setExtensionValue(2, new byte[] {0x01})).isEqualTo(RtpError.EXTENSION_LENGTH_MISMATCH);
        assertThat(p.setExtensionValue(7, new byte[] {0x01})).isEqualTo(RtpError.EXTENSION_NOT_FOUND);
    }
}
