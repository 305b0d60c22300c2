package dev.quorum.sfu.room.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.RtpPacketBuilder;
import dev.quorum.rtp.Rtx;
import dev.quorum.rtp.codec.vp8.Vp8PayloadDescriptor;
import dev.quorum.rtp.ext.AbsSendTime;
import dev.quorum.rtp.ext.AudioLevel;
import dev.quorum.rtp.ext.SdesExtension;
import dev.quorum.rtp.ext.TransportWideSequenceNumber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutgoingPacketWriterTest {

    private final OutgoingPacketWriter writer = new OutgoingPacketWriter();
    private final ByteBuf out = Unpooled.buffer(1500);
    private ByteBuf in;

    @AfterEach
    void release() {
        out.release();
        if (in != null) {
            in.release();
        }
    }

    /** A publisher's packet: its own ids (audio level 9, mid 5, transport-cc 6), CSRC and padding. */
    private RtpPacket source(byte[] payload) {
        in = new RtpPacketBuilder()
                .payloadType(111)
                .sequenceNumber(4000)
                .timestamp(123456)
                .ssrc(0xAAAA)
                .marker(true)
                .csrcs(77)
                .extension(9, new byte[] {(byte) 0x9E})
                .extension(5, "0".getBytes())
                .extension(6, new byte[] {1, 2})
                .payload(payload)
                .padding(4)
                .build(ByteBufAllocator.DEFAULT);
        return (RtpPacket) RtpPacket.parse(in);
    }

    private static int[] ids(Map<String, Integer> m) {
        return HeaderExtension.ids(m);
    }

    @Test
    void writesTheSubscribersHeaderAndExtensionsAroundTheSamePayload() {
        RtpPacket src = source(new byte[] {10, 20, 30, 40, 50});
        int[] srcIds = ids(Map.of(
                HeaderExtension.AUDIO_LEVEL.uri(),
                9,
                HeaderExtension.MID.uri(),
                5,
                HeaderExtension.TRANSPORT_CC.uri(),
                6));
        int[] dstIds = ids(Map.of(
                HeaderExtension.AUDIO_LEVEL.uri(),
                1,
                HeaderExtension.MID.uri(),
                4,
                HeaderExtension.TRANSPORT_CC.uri(),
                3,
                HeaderExtension.ABS_SEND_TIME.uri(),
                2));
        OutgoingHeader h = new OutgoingHeader().reset();
        h.payloadType = 100;
        h.sequenceNumber = 65535;
        h.timestamp = 0xFFFFFFFFL;
        h.ssrc = 0xBBBBBBBBL;
        h.marker = true;
        h.transportSequenceNumber = 321;
        h.absSendTime = AbsSendTime.fromNanos(1_500_000_000L);
        h.mid = "7".getBytes();

        int n = writer.write(src, srcIds, out, h, dstIds, false);
        assertThat(n).isEqualTo(out.readableBytes()).isLessThanOrEqualTo(OutgoingPacketWriter.maxLength(src));
        RtpPacket p = (RtpPacket) RtpPacket.parse(out);
        assertThat(p.payloadType()).isEqualTo(100);
        assertThat(p.sequenceNumber()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(0xFFFFFFFFL);
        assertThat(p.ssrc()).isEqualTo(0xBBBBBBBBL);
        assertThat(p.marker()).isTrue();
        assertThat(p.csrcCount()).as("CSRCs are not forwarded").isZero();
        assertThat(p.paddingLength()).isZero();
        assertThat(TransportWideSequenceNumber.read(p, 3)).isEqualTo(321);
        assertThat(AbsSendTime.read(p, 2)).isEqualTo(AbsSendTime.fromNanos(1_500_000_000L));
        assertThat(SdesExtension.read(p, 4)).isEqualTo("7");
        assertThat(AudioLevel.level(AudioLevel.read(p, 1))).isEqualTo(0x1E);
        assertThat(p.extensionOffset(9)).as("publisher ids are gone").isEqualTo(-1);
        byte[] payload = new byte[p.payloadLength()];
        out.getBytes(p.payloadOffset(), payload);
        assertThat(payload).containsExactly(10, 20, 30, 40, 50);
    }

    @Test
    void withoutExtensionsThereIsNoExtensionBlock() {
        RtpPacket src = source(new byte[] {1});
        OutgoingHeader h = new OutgoingHeader().reset();
        h.payloadType = 96;
        writer.write(src, ids(Map.of()), out, h, ids(Map.of()), false);
        RtpPacket p = (RtpPacket) RtpPacket.parse(out);
        assertThat(p.hasExtension()).isFalse();
        assertThat(p.headerLength()).isEqualTo(12);
    }

    @Test
    void rtxCarriesTheOriginalSequenceNumberBeforeThePayload() {
        RtpPacket src = source(new byte[] {9, 8, 7});
        OutgoingHeader h = new OutgoingHeader().reset();
        h.payloadType = 97;
        h.sequenceNumber = 5;
        h.ssrc = 0xCCCC;
        h.originalSequenceNumber = 40000;
        writer.write(src, ids(Map.of()), out, h, ids(Map.of()), false);
        RtpPacket p = (RtpPacket) RtpPacket.parse(out);
        assertThat(Rtx.originalSequenceNumber(p)).isEqualTo(40000);
        assertThat(Rtx.unwrap(p, 96, 0xDDDD)).isInstanceOf(RtpPacket.class);
        assertThat(p.sequenceNumber()).isEqualTo(40000);
        assertThat(p.payloadLength()).isEqualTo(3);
    }

    @Test
    void vp8PictureIdsAreRewrittenInTheCopyOnly() {
        // X=1, S=1 PID=0; I=1 L=1; PictureID 15-bit 0x1234; TL0PICIDX 9; then a payload byte.
        byte[] vp8 = {(byte) 0x90, (byte) 0xC0, (byte) 0x92, 0x34, 9, 0x55};
        RtpPacket src = source(vp8);
        OutgoingHeader h = new OutgoingHeader().reset();
        h.payloadType = 96;
        h.pictureId = 7;
        h.tl0PicIdx = 200;
        writer.write(src, ids(Map.of()), out, h, ids(Map.of()), true);
        RtpPacket p = (RtpPacket) RtpPacket.parse(out);
        Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();
        assertThat(d.wrap(out, p.payloadOffset(), p.payloadLength())).isTrue();
        assertThat(d.pictureId()).isEqualTo(7);
        assertThat(d.pictureIdBits()).isEqualTo(15);
        assertThat(d.tl0PicIdx()).isEqualTo(200);
        Vp8PayloadDescriptor original = new Vp8PayloadDescriptor();
        assertThat(original.wrap(in, src.payloadOffset(), src.payloadLength())).isTrue();
        assertThat(original.pictureId()).isEqualTo(0x1234);
    }
}
