package dev.quorum.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type: parse through the dispatcher, then write back the identical bytes. */
class RtcpRoundTripTest {

    static Stream<Arguments> packets() {
        return Stream.of(
                Arguments.of("sender report with one block", RtcpVectors.SENDER_REPORT, SenderReport.class),
                Arguments.of("receiver report without blocks", RtcpVectors.RECEIVER_REPORT_EMPTY, ReceiverReport.class),
                Arguments.of("receiver report with two blocks", """
                        82 C9 00 0D | 11 22 33 44
                        00 00 00 01 | 00 00 00 00 | 00 00 FF FF | 00 00 00 00 | 00 00 00 00 | 00 00 00 00
                        00 00 00 02 | FF 7F FF FF | 00 02 00 00 | 00 00 01 00 | 12 34 56 78 | 00 01 00 00
                        """, ReceiverReport.class),
                Arguments.of(
                        "receiver report with a profile extension",
                        "80 C9 00 02 | 11 22 33 44 | CA FE BA BE",
                        ReceiverReport.class),
                Arguments.of("SDES with one CNAME", RtcpVectors.SDES_CNAME, SourceDescription.class),
                Arguments.of("SDES with two chunks", """
                        82 CA 00 05
                        00 00 00 01 | 01 01 61 00             // CNAME "a", end
                        00 00 00 02 | 01 02 62 63 | 02 01 64 00  // CNAME "bc", NAME "d", end
                        """, SourceDescription.class),
                Arguments.of("BYE with a reason", "81 CB 00 03 | 11 22 33 44 | 04 63 69 61 6F 00 00 00", Goodbye.class),
                Arguments.of("BYE for two sources", "82 CB 00 02 | 00 00 00 01 | 00 00 00 02", Goodbye.class),
                Arguments.of("APP", "83 CC 00 03 | 11 22 33 44 | 51 52 4D 20 | DE AD BE EF", ApplicationDefined.class),
                Arguments.of(
                        "generic NACK",
                        "81 CD 00 03 | 11 22 33 44 | 55 66 77 88 | 00 64 00 05",
                        TransportLayerNack.class),
                Arguments.of("PLI", RtcpVectors.PLI, PictureLossIndication.class),
                Arguments.of(
                        "FIR",
                        "84 CE 00 04 | 11 22 33 44 | 00 00 00 00 | 55 66 77 88 | 07 00 00 00",
                        FullIntraRequest.class),
                Arguments.of("REMB 1 Mbit/s", """
                        8F CE 00 05 | 11 22 33 44 | 00 00 00 00
                        52 45 4D 42              // "REMB"
                        01 0B D0 90              // 1 SSRC, exp 2, mantissa 250000
                        55 66 77 88
                        """, ReceiverEstimatedMaxBitrate.class),
                Arguments.of("transport-cc, run length", RtcpVectors.TWCC_RUN_LENGTH, TransportWideFeedback.class),
                Arguments.of("transport-cc, 2-bit vector with a no-delta symbol", """
                        8F CD 00 06 | 11 22 33 44 | 55 66 77 88
                        FF FF 00 07 | 12 34 56 00
                        CD 50                    // draft example: 0, 3, 1, 1, 1, 0, 0
                        01 02 03 | 00 00 00
                        """, TransportWideFeedback.class),
                Arguments.of("transport-cc, 1-bit vector", """
                        8F CD 00 07 | 11 22 33 44 | 55 66 77 88
                        00 0A 00 0E | 00 00 01 02
                        9F 1C                    // draft example: 0,1,1,1,1,1,0,0,0,1,1,1,0,0
                        01 02 03 04 05 06 07 08 | 00 00
                        """, TransportWideFeedback.class),
                Arguments.of("transport-cc, large and negative deltas", """
                        8F CD 00 06 | 11 22 33 44 | 55 66 77 88
                        00 0A 00 02 | 00 00 01 02
                        40 02                    // run length: symbol 2 x 2
                        FF 38 01 00              // -200 and 256 ticks
                        00 00
                        """, TransportWideFeedback.class),
                Arguments.of(
                        "extended report (unknown type)", "80 CF 00 02 | 11 22 33 44 | 04 00 00 00", RawRtcp.class),
                Arguments.of(
                        "TMMBR (unknown RTPFB format)",
                        "83 CD 00 04 | 11 22 33 44 | 00 00 00 00 | 55 66 77 88 | 04 00 00 00",
                        RawRtcp.class),
                Arguments.of(
                        "application feedback that is not REMB",
                        "8F CE 00 03 | 11 22 33 44 | 00 00 00 00 | 47 4F 4F 47",
                        RawRtcp.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void parsesAndWritesBackIdenticalBytes(String name, String hex, Class<? extends RtcpPacket> type) {
        ByteBuf in = Hex.buf(hex);
        ByteBuf out = Hex.alloc().buffer();
        try {
            RtcpResult<List<RtcpPacket>> result = RtcpParser.parse(in);
            assertThat(result.errorOrNull()).isNull();
            List<RtcpPacket> packets = result.packetOrNull();
            assertThat(packets).hasSize(1);
            RtcpPacket packet = packets.get(0);
            assertThat(packet).isInstanceOf(type);
            assertThat(packet.encodedLength()).isEqualTo(in.readableBytes());
            packet.writeTo(out);
            assertThat(Hex.dump(out)).isEqualTo(Hex.dump(in));
            assertThat(packet.packetType()).isEqualTo(in.getUnsignedByte(1));
        } finally {
            in.release();
            out.release();
        }
    }
}
