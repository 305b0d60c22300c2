package dev.quorum.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RtcpMessagesTest {

    private static <T> T parse(String hex, Function<ByteBuf, RtcpResult<T>> parser) {
        ByteBuf buf = Hex.buf(hex);
        try {
            RtcpResult<T> result = parser.apply(buf);
            assertThat(result.errorOrNull()).isNull();
            return result.packetOrNull();
        } finally {
            buf.release();
        }
    }

    private static String write(RtcpPacket packet) {
        ByteBuf buf = Hex.alloc().buffer();
        try {
            packet.writeTo(buf);
            assertThat(buf.readableBytes()).isEqualTo(packet.encodedLength());
            return Hex.dump(buf);
        } finally {
            buf.release();
        }
    }

    @Nested
    class Reports {

        @Test
        void senderReportFields() {
            SenderReport sr = parse(RtcpVectors.SENDER_REPORT, SenderReport::parse);
            assertThat(sr.senderSsrc()).isEqualTo(0x11223344L);
            assertThat(sr.ntpTimestamp()).isEqualTo(0xE12C3D4E80000000L);
            assertThat(sr.rtpTimestamp()).isEqualTo(123456);
            assertThat(sr.packetCount()).isEqualTo(100);
            assertThat(sr.octetCount()).isEqualTo(10000);
            assertThat(sr.reportBlocks())
                    .containsExactly(new ReportBlock(0x55667788L, 10, -2, 0x10005, 32, 0x3D4E8000L, 0x8000));
            assertThat(sr.profileExtension()).isEmpty();
        }

        @Test
        void aSenderReportBuiltFromFieldsIsTheSameBytes() {
            SenderReport sr = new SenderReport(
                    0x11223344L,
                    0xE12C3D4E80000000L,
                    123456,
                    100,
                    10000,
                    List.of(new ReportBlock(0x55667788L, 10, -2, 0x10005, 32, 0x3D4E8000L, 0x8000)),
                    null);
            assertThat(write(sr)).isEqualTo(Hex.dump(Hex.bytes(RtcpVectors.SENDER_REPORT)));
        }

        @Test
        void profileExtensionsOfAnyLengthArePaddedToAWord() {
            ReceiverReport rr = new ReceiverReport(1, List.of(), new byte[] {7});
            assertThat(write(rr)).isEqualTo("80c90002" + "00000001" + "07000000");
        }

        @Test
        void moreThan31BlocksIsABug() {
            List<ReportBlock> blocks = java.util.Collections.nCopies(32, new ReportBlock(1, 0, 0, 0, 0, 0, 0));
            assertThatThrownBy(() -> new ReceiverReport(1, blocks)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Descriptions {

        @Test
        void cnameOfAChunk() {
            SourceDescription sdes = parse(RtcpVectors.SDES_CNAME, SourceDescription::parse);
            assertThat(sdes.chunks()).hasSize(1);
            assertThat(sdes.chunks().get(0).ssrc()).isEqualTo(0x11223344L);
            assertThat(sdes.chunks().get(0).cname()).isEqualTo("user@host");
        }

        @Test
        void aCnameFillingAWordExactlyGetsAWholeWordOfTerminator() {
            SourceDescription sdes = SourceDescription.ofCname(1, "ab");
            assertThat(write(sdes)).isEqualTo("81ca0003" + "00000001" + "01026162" + "00000000");
        }

        @Test
        void goodbyeWithReason() {
            Goodbye bye = parse("81 CB 00 03 | 11 22 33 44 | 04 63 69 61 6F 00 00 00", Goodbye::parse);
            assertThat(bye.sources()).containsExactly(0x11223344L);
            assertThat(bye.reasonText()).isEqualTo("ciao");
            assertThat(write(Goodbye.of("ciao", 0x11223344L))).isEqualTo("81cb0003112233440463696" + "16f000000");
        }

        @Test
        void applicationDefinedKeepsNameAndData() {
            ApplicationDefined app =
                    parse("83 CC 00 03 | 11 22 33 44 | 51 52 4D 20 | DE AD BE EF", ApplicationDefined::parse);
            assertThat(app.subtype()).isEqualTo(3);
            assertThat(app.name()).isEqualTo("QRM ");
            assertThat(app.data()).containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
        }
    }

    @Nested
    class Feedback {

        @Test
        void nackListsThePidAndTheBitmaskedPackets() {
            TransportLayerNack nack =
                    parse("81 CD 00 03 | 11 22 33 44 | 55 66 77 88 | 00 64 00 05", TransportLayerNack::parse);
            assertThat(nack.lostSequenceNumbers()).containsExactly(100, 101, 103);
        }

        @Test
        void nackPacksLostPacketsAcrossTheWrap() {
            TransportLayerNack nack = TransportLayerNack.of(1, 2, 65534, 65535, 0, 15, 16, 40);
            assertThat(TransportLayerNack.of(1, 2, 65534, 14).entries())
                    .containsExactly(new TransportLayerNack.Entry(65534, 0x8000));
            assertThat(nack.entries())
                    .containsExactly(
                            new TransportLayerNack.Entry(65534, 0b11),
                            new TransportLayerNack.Entry(15, 0b1),
                            new TransportLayerNack.Entry(40, 0));
            assertThat(nack.lostSequenceNumbers()).containsExactly(65534, 65535, 0, 15, 16, 40);
        }

        @Test
        void nackIgnoresARepeatedSequenceNumber() {
            assertThat(TransportLayerNack.of(1, 2, 7, 7, 8).lostSequenceNumbers())
                    .containsExactly(7, 8);
        }

        @Test
        void firEntries() {
            FullIntraRequest fir = parse(
                    "84 CE 00 04 | 11 22 33 44 | 00 00 00 00 | 55 66 77 88 | 07 00 00 00", FullIntraRequest::parse);
            assertThat(fir.entries()).containsExactly(new FullIntraRequest.Entry(0x55667788L, 7));
        }

        @Test
        void rembBitrateIsMantissaShiftedByExponent() {
            ReceiverEstimatedMaxBitrate remb = parse(
                    "8F CE 00 05 | 11 22 33 44 | 00 00 00 00 | 52 45 4D 42 | 01 0B D0 90 | 55 66 77 88",
                    ReceiverEstimatedMaxBitrate::parse);
            assertThat(remb.bitrate()).isEqualTo(1_000_000);
            assertThat(remb.ssrcs()).containsExactly(0x55667788L);
        }

        @Test
        void rembRoundsDownToEighteenBitsOfMantissa() {
            ReceiverEstimatedMaxBitrate remb = new ReceiverEstimatedMaxBitrate(1, 2_500_001, List.of());
            String hex = write(remb);
            // 2_500_001 needs 22 bits: exponent 4, mantissa 156250 (0x2625A).
            assertThat(hex).endsWith("00" + "12625a");
            ByteBuf buf = Hex.buf(hex);
            try {
                assertThat(ReceiverEstimatedMaxBitrate.parse(buf).packetOrNull().bitrate())
                        .isEqualTo(2_500_000);
            } finally {
                buf.release();
            }
        }

        @Test
        void rembBitratesBeyondALongSaturate() {
            ReceiverEstimatedMaxBitrate remb = parse(
                    "8F CE 00 04 | 11 22 33 44 | 00 00 00 00 | 52 45 4D 42 | 00 FF FF FF",
                    ReceiverEstimatedMaxBitrate::parse);
            assertThat(remb.bitrate()).isEqualTo(Long.MAX_VALUE);
            assertThat(write(new ReceiverEstimatedMaxBitrate(1, 0, List.of()))).endsWith("00000000");
        }
    }
}
