package dev.quorum.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7983 §7 (with RFC 9443) first-byte ranges, and RFC 5761 §4 for RTP versus RTCP. */
class PacketKindTest {

    @ParameterizedTest(name = "first byte {0}, second {1} -> {2}")
    @CsvSource({
        "0, 1, STUN",
        "1, 1, STUN",
        "3, 0, STUN",
        "4, 0, UNKNOWN",
        "16, 0, UNKNOWN",
        "19, 0, UNKNOWN",
        "20, 254, DTLS",
        "22, 254, DTLS",
        "63, 0, DTLS",
        "64, 0, UNKNOWN",
        "79, 0, UNKNOWN",
        "127, 0, UNKNOWN",
        "128, 96, RTP",
        "128, 111, RTP",
        "144, 224, RTP",
        "191, 191, RTP",
        // marker bit set on PT 35..63 (Chrome's H.264/AV1 beyond 96..127) stays RTP
        "128, 163, RTP",
        "128, 191, RTP",
        "128, 192, RTCP",
        "129, 200, RTCP",
        "129, 201, RTCP",
        "143, 206, RTCP",
        "128, 223, RTCP",
        "192, 0, UNKNOWN",
        "255, 255, UNKNOWN",
    })
    void classifiesByFirstByte(int first, int second, PacketKind expected) {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[] {(byte) first, (byte) second, 0, 0});
        try {
            assertThat(PacketKind.of(b)).isEqualTo(expected);
        } finally {
            b.release();
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "1"})
    void emptyAndOneByteRtpAreUnknown(int length) {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80}, 0, length);
        try {
            assertThat(PacketKind.of(b)).isEqualTo(PacketKind.UNKNOWN);
        } finally {
            b.release();
        }
    }
}
