package dev.quorum.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpReaderTest {

    @Test
    void walksACompoundPacketInOrder() {
        ByteBuf buf = Hex.buf(RtcpVectors.SENDER_REPORT + RtcpVectors.SDES_CNAME + RtcpVectors.PLI);
        try {
            RtcpReader reader = new RtcpReader();
            assertThat(reader.reset(buf)).isTrue();
            assertThat(reader.next()).isTrue();
            assertThat(reader.packetType()).isEqualTo(RtcpPacket.SR);
            assertThat(reader.offset()).isZero();
            assertThat(reader.length()).isEqualTo(52);
            assertThat(reader.senderSsrc()).isEqualTo(0x11223344L);
            assertThat(reader.next()).isTrue();
            assertThat(reader.packetType()).isEqualTo(RtcpPacket.SDES);
            assertThat(reader.next()).isTrue();
            assertThat(reader.packetType()).isEqualTo(RtcpPacket.PSFB);
            assertThat(reader.count()).isEqualTo(PictureLossIndication.FORMAT);
            assertThat(reader.mediaSsrc()).isEqualTo(0x55667788L);
            assertThat(PictureLossIndication.parse(buf, reader.offset(), reader.length())
                            .packetOrNull())
                    .isEqualTo(new PictureLossIndication(0x11223344L, 0x55667788L));
            assertThat(reader.next()).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void reducedSizeRtcpIsASingleFeedbackPacket() {
        ByteBuf buf = Hex.buf(RtcpVectors.PLI);
        try {
            RtcpResult<List<RtcpPacket>> result = RtcpParser.parse(buf);
            assertThat(result.packetOrNull()).containsExactly(new PictureLossIndication(0x11223344L, 0x55667788L));
        } finally {
            buf.release();
        }
    }

    @Test
    void aBadSecondHeaderRejectsTheWholeDatagramBeforeAnythingIsRead() {
        ByteBuf buf = Hex.buf(RtcpVectors.PLI + "80 C9 00 09 | 11 22 33 44");
        try {
            RtcpReader reader = new RtcpReader();
            assertThat(reader.reset(buf)).isFalse();
            assertThat(reader.error()).isEqualTo(RtcpError.LENGTH_PAST_END);
            assertThat(reader.next()).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void writesACompoundPacketBack() {
        ByteBuf in = Hex.buf(RtcpVectors.SENDER_REPORT + RtcpVectors.SDES_CNAME);
        ByteBuf out = Hex.alloc().buffer();
        try {
            List<RtcpPacket> packets = RtcpParser.parse(in).packetOrNull();
            assertThat(RtcpParser.compoundLength(packets)).isEqualTo(in.readableBytes());
            RtcpParser.writeCompound(packets, out);
            assertThat(Hex.dump(out)).isEqualTo(Hex.dump(in));
        } finally {
            in.release();
            out.release();
        }
    }

    @Test
    void tellsRtcpFromRtpByTheSecondByte() {
        ByteBuf rtcp = Hex.buf(RtcpVectors.PLI);
        ByteBuf rtp = Hex.buf("80 60 00 01 00 00 00 01 00 00 00 01");
        ByteBuf rtpWithMarker = Hex.buf("80 E0 00 01 00 00 00 01 00 00 00 01");
        try {
            assertThat(RtcpReader.isRtcp(rtcp)).isTrue();
            assertThat(RtcpReader.isRtcp(rtp)).isFalse();
            assertThat(RtcpReader.isRtcp(rtpWithMarker)).isFalse();
        } finally {
            rtcp.release();
            rtp.release();
            rtpWithMarker.release();
        }
    }
}
