package dev.quorum.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpMalformedTest {

    private static final String SSRCS = " | 11 22 33 44 | 55 66 77 88";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty datagram", "", RtcpError.EMPTY),
                Arguments.of("three bytes", "80 C9 00", RtcpError.TRUNCATED_HEADER),
                Arguments.of("version 1", "40 C9 00 01 | 11 22 33 44", RtcpError.BAD_VERSION),
                Arguments.of("length past the end", "81 C8 00 0C | 11 22 33 44", RtcpError.LENGTH_PAST_END),
                Arguments.of(
                        "second packet's length past the end",
                        RtcpVectors.RECEIVER_REPORT_EMPTY + "80 C9 00 05 | 11 22 33 44",
                        RtcpError.LENGTH_PAST_END),
                Arguments.of(
                        "trailing bytes shorter than a header",
                        RtcpVectors.RECEIVER_REPORT_EMPTY + "80 C9",
                        RtcpError.TRUNCATED_HEADER),
                Arguments.of(
                        "sender report without sender info", "80 C8 00 01 | 11 22 33 44", RtcpError.TOO_SHORT_FOR_TYPE),
                Arguments.of("receiver report without its SSRC", "80 C9 00 00", RtcpError.TOO_SHORT_FOR_TYPE),
                Arguments.of(
                        "report count beyond the blocks",
                        "82 C9 00 07 | 11 22 33 44" + " | 00 00 00 00".repeat(6),
                        RtcpError.REPORT_COUNT_MISMATCH),
                Arguments.of("padding count zero", "A0 C9 00 01 | 11 22 33 00", RtcpError.BAD_PADDING),
                Arguments.of("padding count beyond the packet", "A0 C9 00 01 | 11 22 33 09", RtcpError.BAD_PADDING),
                Arguments.of(
                        "SDES item past the end", "81 CA 00 02 | 11 22 33 44 | 01 09 75 73", RtcpError.SDES_TRUNCATED),
                Arguments.of(
                        "SDES chunk without terminator",
                        "81 CA 00 02 | 11 22 33 44 | 01 02 75 73",
                        RtcpError.SDES_TRUNCATED),
                Arguments.of(
                        "SDES count beyond the chunks",
                        "82 CA 00 02 | 11 22 33 44 | 01 01 61 00",
                        RtcpError.SDES_TRUNCATED),
                Arguments.of("BYE count beyond the sources", "82 CB 00 01 | 11 22 33 44", RtcpError.BYE_TRUNCATED),
                Arguments.of(
                        "BYE reason past the end", "81 CB 00 02 | 11 22 33 44 | 09 61 62 63", RtcpError.BYE_TRUNCATED),
                Arguments.of("APP without a name", "80 CC 00 01 | 11 22 33 44", RtcpError.TOO_SHORT_FOR_TYPE),
                Arguments.of("NACK without FCI", "81 CD 00 02" + SSRCS, RtcpError.FCI_LENGTH_MISMATCH),
                Arguments.of("PLI without media SSRC", "81 CE 00 01 | 11 22 33 44", RtcpError.TOO_SHORT_FOR_TYPE),
                Arguments.of(
                        "FIR with a half entry",
                        "84 CE 00 03" + SSRCS + " | 55 66 77 88",
                        RtcpError.FCI_LENGTH_MISMATCH),
                Arguments.of(
                        "REMB with fewer SSRCs than announced",
                        "8F CE 00 05" + SSRCS + " | 52 45 4D 42 | 02 0B D0 90 | 55 66 77 88",
                        RtcpError.REMB_TRUNCATED),
                Arguments.of(
                        "transport-cc without its fixed fields",
                        "8F CD 00 03" + SSRCS + " | 00 01 00 14",
                        RtcpError.TOO_SHORT_FOR_TYPE),
                Arguments.of(
                        "transport-cc chunks ending early",
                        "8F CD 00 05" + SSRCS + " | 00 01 00 14 | 00 00 00 01 | 20 01 00 00",
                        RtcpError.TWCC_TRUNCATED_CHUNKS),
                Arguments.of(
                        "transport-cc count no chunk could cover",
                        "8F CD 00 04" + SSRCS + " | 00 01 FF FF | 00 00 00 01",
                        RtcpError.TWCC_TRUNCATED_CHUNKS),
                Arguments.of(
                        "transport-cc deltas ending early",
                        "8F CD 00 05" + SSRCS + " | 00 01 00 03 | 00 00 00 01 | 20 03 10 20",
                        RtcpError.TWCC_TRUNCATED_DELTAS),
                Arguments.of(
                        "transport-cc large delta cut in half",
                        "8F CD 00 05" + SSRCS + " | 00 01 00 02 | 00 00 00 01 | 40 02 FF 38",
                        RtcpError.TWCC_TRUNCATED_DELTAS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsTheDatagramWithTheReason(String name, String hex, RtcpError expected) {
        ByteBuf buf = Hex.buf(hex);
        try {
            assertThat(RtcpParser.parse(buf).errorOrNull()).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }

    @Test
    void aMessageParserHandedAnotherTypeSaysSo() {
        ByteBuf buf = Hex.buf(RtcpVectors.PLI);
        try {
            assertThat(SenderReport.parse(buf).errorOrNull()).isEqualTo(RtcpError.WRONG_PACKET_TYPE);
            assertThat(FullIntraRequest.parse(buf).errorOrNull()).isEqualTo(RtcpError.WRONG_PACKET_TYPE);
            assertThat(TransportLayerNack.parse(buf).errorOrNull()).isEqualTo(RtcpError.WRONG_PACKET_TYPE);
            assertThat(PictureLossIndication.parse(buf).packetOrNull())
                    .isEqualTo(new PictureLossIndication(0x11223344L, 0x55667788L));
        } finally {
            buf.release();
        }
    }

    @Test
    void aRembTooShortForItsBitrateIsNotRemb() {
        ByteBuf buf = Hex.buf("8F CE 00 03" + SSRCS + " | 52 45 4D 42");
        try {
            assertThat(ReceiverEstimatedMaxBitrate.parse(buf).errorOrNull()).isEqualTo(RtcpError.TOO_SHORT_FOR_TYPE);
            assertThat(RtcpParser.parse(buf).packetOrNull()).singleElement().isInstanceOf(RawRtcp.class);
        } finally {
            buf.release();
        }
    }

    @Test
    void invalidResultsAreSharedConstants() {
        assertThat(RtcpResult.<SenderReport>invalid(RtcpError.EMPTY))
                .isSameAs(RtcpResult.<Goodbye>invalid(RtcpError.EMPTY));
        for (RtcpError error : RtcpError.values()) {
            assertThat(error.description()).isNotBlank();
        }
    }
}
