package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {

    private ByteBuf buf;

    @AfterEach
    void release() {
        if (buf != null) {
            buf.release();
        }
    }

    private RtpPacket parse(String hex) {
        buf = Hex.buf(hex);
        RtpParseResult result = RtpPacket.parse(buf);
        assertThat(result).isInstanceOf(RtpPacket.class);
        return (RtpPacket) result;
    }

    @Nested
    class FixedHeader {

        @Test
        void readsEveryFieldOfAMinimalPacket() {
            RtpPacket p = parse("""
                    80          // V=2 P=0 X=0 CC=0
                    E0          // M=1 PT=96
                    FF FE       // sequence number 65534
                    FF FF FF F0 // timestamp 4294967280
                    DE AD BE EF // SSRC
                    01 02 03    // payload
                    """);
            assertThat(p.marker()).isTrue();
            assertThat(p.payloadType()).isEqualTo(96);
            assertThat(p.sequenceNumber()).isEqualTo(65534);
            assertThat(p.timestamp()).isEqualTo(4294967280L);
            assertThat(p.ssrc()).isEqualTo(0xDEADBEEFL);
            assertThat(p.csrcCount()).isZero();
            assertThat(p.hasExtension()).isFalse();
            assertThat(p.hasPadding()).isFalse();
            assertThat(p.headerLength()).isEqualTo(12);
            assertThat(p.payloadOffset()).isEqualTo(12);
            assertThat(p.payloadLength()).isEqualTo(3);
            assertThat(Hex.toBytes(p.payload())).containsExactly(1, 2, 3);
        }

        @Test
        void readsCsrcsAndPutsThePayloadAfterThem() {
            RtpPacket p = parse("""
                    82 08 00 01 00 00 00 02 00 00 00 03 // CC=2, PT=8, seq 1, ts 2, SSRC 3
                    00 00 00 0A                         // CSRC 10
                    FF FF FF FF                         // CSRC 4294967295
                    AB                                  // payload
                    """);
            assertThat(p.csrcCount()).isEqualTo(2);
            assertThat(p.csrc(0)).isEqualTo(10);
            assertThat(p.csrc(1)).isEqualTo(0xFFFFFFFFL);
            assertThat(p.payloadOffset()).isEqualTo(20);
            assertThat(p.payloadLength()).isEqualTo(1);
            assertThatThrownBy(() -> p.csrc(2)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void excludesPaddingFromThePayload() {
            RtpPacket p = parse("""
                    A0 60 00 01 00 00 00 02 00 00 00 03 // P=1
                    CA FE                               // payload
                    00 00 03                            // 3 bytes of padding, count last
                    """);
            assertThat(p.hasPadding()).isTrue();
            assertThat(p.paddingLength()).isEqualTo(3);
            assertThat(p.payloadLength()).isEqualTo(2);
        }

        @Test
        void paddingOnlyPacketHasAnEmptyPayload() {
            RtpPacket p = parse("A0 60 00 01 00 00 00 02 00 00 00 03 | 00 00 00 04");
            assertThat(p.payloadLength()).isZero();
            assertThat(p.paddingLength()).isEqualTo(4);
        }

        @Test
        void parsesAPacketInsideALargerBufferWithoutLookingOutsideIt() {
            buf = Hex.buf("FF FF | 80 60 00 07 00 00 00 00 00 00 00 01 | 55 | EE EE");
            RtpPacket p = new RtpPacket();
            assertThat(p.wrap(buf, 2, 13)).isSameAs(p);
            assertThat(p.offset()).isEqualTo(2);
            assertThat(p.sequenceNumber()).isEqualTo(7);
            assertThat(p.payloadLength()).isEqualTo(1);
            assertThat(p.wrap(buf, 2, 11)).isEqualTo(RtpError.TRUNCATED_HEADER);
        }

        @Test
        void aRegionOutsideTheBufferIsACallerBug() {
            buf = Hex.buf("80 60 00 07 00 00 00 00 00 00 00 01");
            RtpPacket p = new RtpPacket();
            assertThatThrownBy(() -> p.wrap(buf, 4, 12)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Nested
    class Rewriting {

        @Test
        void settersRewriteOnlyTheirField() {
            RtpPacket p = parse("80 60 12 34 00 00 00 01 11 22 33 44 | 99 98");
            p.setSequenceNumber(0xFFFF);
            p.setTimestamp(0xFFFFFFFFL);
            p.setSsrc(0x01020304L);
            p.setPayloadType(111);
            p.setMarker(true);
            assertThat(Hex.dump(buf)).isEqualTo("80efffffffffffff0102030499" + "98");
            p.setMarker(false);
            p.setPayloadType(0);
            assertThat(Hex.dump(buf)).startsWith("8000ffff");
        }

        @Test
        void sequenceAndTimestampSettersWrapToTheirFieldWidth() {
            RtpPacket p = parse("80 60 12 34 00 00 00 01 11 22 33 44");
            p.setSequenceNumber(65536 + 5);
            p.setTimestamp((1L << 32) + 9);
            assertThat(p.sequenceNumber()).isEqualTo(5);
            assertThat(p.timestamp()).isEqualTo(9);
        }

        @Test
        void rejectsAPayloadTypeOutsideSevenBits() {
            RtpPacket p = parse("80 60 12 34 00 00 00 01 11 22 33 44");
            assertThatThrownBy(() -> p.setPayloadType(128)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aReusedViewFollowsTheLatestPacket() {
            ByteBuf first = Hex.buf("80 60 00 01 00 00 00 01 00 00 00 01 | AA");
            ByteBuf second = Hex.buf("80 61 00 02 00 00 00 02 00 00 00 02 | BB BB");
            try {
                RtpPacket view = new RtpPacket();
                view.wrap(first);
                assertThat(view.sequenceNumber()).isEqualTo(1);
                view.wrap(second);
                assertThat(view.sequenceNumber()).isEqualTo(2);
                assertThat(view.payloadLength()).isEqualTo(2);
                assertThat(view.buffer()).isSameAs(second);
                view.clear();
                assertThat(view.isWrapped()).isFalse();
            } finally {
                first.release();
                second.release();
            }
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", RtpError.TRUNCATED_HEADER),
                Arguments.of("eleven bytes", "80 60 00 01 00 00 00 01 00 00 00", RtpError.TRUNCATED_HEADER),
                Arguments.of("version 0", "00 60 00 01 00 00 00 01 00 00 00 01", RtpError.BAD_VERSION),
                Arguments.of("version 3", "C0 60 00 01 00 00 00 01 00 00 00 01", RtpError.BAD_VERSION),
                Arguments.of(
                        "CC=1 without the CSRC",
                        "81 60 00 01 00 00 00 01 00 00 00 01 | 00 00 00",
                        RtpError.TRUNCATED_CSRC),
                Arguments.of("CC=15 in a short packet", "8F 60 00 01 00 00 00 01 00 00 00 01", RtpError.TRUNCATED_CSRC),
                Arguments.of(
                        "X without extension header",
                        "90 60 00 01 00 00 00 01 00 00 00 01 | BE DE 00",
                        RtpError.TRUNCATED_EXTENSION_HEADER),
                Arguments.of(
                        "extension length past end",
                        "90 60 00 01 00 00 00 01 00 00 00 01 | BE DE 00 02 | 10 AA 00 00",
                        RtpError.EXTENSION_PAST_END),
                Arguments.of(
                        "extension length 0xFFFF",
                        "90 60 00 01 00 00 00 01 00 00 00 01 | BE DE FF FF | 10 AA 00 00",
                        RtpError.EXTENSION_PAST_END),
                Arguments.of(
                        "one-byte element overflows block",
                        "90 60 00 01 00 00 00 01 00 00 00 01 | BE DE 00 01 | 13 AA BB CC",
                        RtpError.MALFORMED_EXTENSION),
                Arguments.of(
                        "two-byte element overflows block",
                        "90 60 00 01 00 00 00 01 00 00 00 01 | 10 00 00 01 | 01 05 AA BB",
                        RtpError.MALFORMED_EXTENSION),
                Arguments.of(
                        "two-byte element without length byte",
                        "90 60 00 01 00 00 00 01 00 00 00 01 | 10 00 00 01 | 00 00 00 07",
                        RtpError.MALFORMED_EXTENSION),
                Arguments.of("padding count zero", "A0 60 00 01 00 00 00 01 00 00 00 01 | AA 00", RtpError.BAD_PADDING),
                Arguments.of(
                        "padding count beyond payload",
                        "A0 60 00 01 00 00 00 01 00 00 00 01 | AA 03",
                        RtpError.BAD_PADDING),
                Arguments.of(
                        "padding bit without any byte", "A0 60 00 01 00 00 00 01 00 00 00 01", RtpError.BAD_PADDING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedPacketsWithTheirReason(String name, String hex, RtpError expected) {
        buf = Hex.buf(hex);
        RtpPacket view = new RtpPacket();
        RtpParseResult result = view.wrap(buf);
        assertThat(result).isEqualTo(expected);
        assertThat(result.isValid()).isFalse();
        assertThat(view.isWrapped()).isFalse();
    }

    @Test
    void everyErrorHasADescription() {
        for (RtpError error : RtpError.values()) {
            assertThat(error.description()).isNotBlank();
        }
    }
}
