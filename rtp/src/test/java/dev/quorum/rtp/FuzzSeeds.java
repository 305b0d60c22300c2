package dev.quorum.rtp;

import dev.quorum.rtp.RtpPacketBuilder.ExtensionForm;
import dev.quorum.rtp.rtcp.ApplicationDefined;
import dev.quorum.rtp.rtcp.FullIntraRequest;
import dev.quorum.rtp.rtcp.Goodbye;
import dev.quorum.rtp.rtcp.PictureLossIndication;
import dev.quorum.rtp.rtcp.ReceiverEstimatedMaxBitrate;
import dev.quorum.rtp.rtcp.ReceiverReport;
import dev.quorum.rtp.rtcp.ReportBlock;
import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.rtp.rtcp.SenderReport;
import dev.quorum.rtp.rtcp.SourceDescription;
import dev.quorum.rtp.rtcp.TransportLayerNack;
import dev.quorum.rtp.rtcp.TransportWideFeedback;
import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/** Valid datagrams of every kind the parsers read, for the mutation test to corrupt. */
final class FuzzSeeds {

    static final int VP8 = 96;
    static final int VP9 = 98;
    static final int H264 = 102;
    static final int AV1 = 45;
    static final int OPUS = 111;
    static final int RED = 63;

    private FuzzSeeds() {}

    static List<byte[]> rtp() {
        List<byte[]> seeds = new ArrayList<>();
        // VP8: keyframe start with 15-bit PictureID, TL0PICIDX, TID/KEYIDX; a continuation; an inter frame.
        seeds.add(rtp(VP8, false, "90 F0 80 01 07 40 | 50 2D 00 9D 01 2A 40 01 F0 00 11 22 33 44"));
        seeds.add(rtp(VP8, true, "80 F0 80 01 07 40 | 55 66 77"));
        seeds.add(rtp(VP8, true, "10 | 31 0A 00 11 22"));
        // VP9: keyframe with scalability structure, upper layer, flexible mode inter frame, superframe.
        seeds.add(
                rtp(VP9, false, "AE 80 09 00 05 38 01 40 00 B4 02 80 01 68 01 24 01 | 82 49 83 42 20 13 F0 0B 30 AA"));
        seeds.add(rtp(VP9, true, "AC 80 09 03 05 | 86 77 88 99 AA"));
        seeds.add(rtp(VP9, true, "DC 7F 03 04 | 86 00 11 22"));
        seeds.add(rtp(VP9, true, "8C 05 | 82 49 83 42 20 13 F0 0B 30 44 55 86 00 11 22 C1 0B 04 C1"));
        // H.264: STAP-A with SPS/PPS/IDR, FU-A start/middle/end, single NAL.
        seeds.add(rtp(
                H264,
                false,
                "78 | 00 18 6742c00dd90141fb0110000003001000000303c0f142a480 | 00 05 68cb83cb20 | 00 04 65 88 84 00"));
        seeds.add(rtp(H264, false, "7C 85 88 84 00 11 22 33"));
        seeds.add(rtp(H264, false, "7C 05 44 55 66"));
        seeds.add(rtp(H264, true, "7C 45 77 88"));
        seeds.add(rtp(H264, true, "41 9A 02 03 04"));
        // AV1: W=2 with sequence header and frame, fragments, extension with size field.
        seeds.add(rtp(AV1, true, "28 | 0C 08 00 00 00 04 3c ff bc da f9 00 40 | 30 10 AA BB CC"));
        seeds.add(rtp(AV1, false, "50 | 30 30"));
        seeds.add(rtp(AV1, false, "D0 | 11"));
        seeds.add(rtp(AV1, true, "90 | 22 33"));
        seeds.add(rtp(AV1, true, "00 | 06 36 20 03 30 11 22 | 02 12 00"));
        // Opus, RED with a redundant block.
        seeds.add(rtp(OPUS, true, "FC 01 02 03"));
        seeds.add(rtp(OPUS, true, "0B 03 AA BB CC"));
        seeds.add(rtp(RED, true, "EF 0F 00 02 | 6F | FC 01 | FC 02 03"));
        // Header variety: CSRCs, both extension forms, padding.
        RtpPacketBuilder rich = new RtpPacketBuilder()
                .payloadType(VP8)
                .sequenceNumber(1)
                .timestamp(3000)
                .csrcs(1, 2, 3)
                .extension(1, new byte[] {(byte) 0x85})
                .extension(2, new byte[] {1, 2, 3})
                .extension(3, new byte[] {0, 7})
                .extension(4, "0".getBytes())
                .extension(10, "h".getBytes())
                .extension(13, new byte[] {1})
                .payload(Hex.bytes("10 | 31 0A 00"))
                .padding(5);
        seeds.add(bytes(rich));
        seeds.add(bytes(rich.extensionForm(ExtensionForm.TWO_BYTE).extension(200, new byte[40])));
        seeds.add(bytes(new RtpPacketBuilder().payloadType(97).padding(255)));
        return seeds;
    }

    static List<byte[]> rtcp() {
        List<byte[]> seeds = new ArrayList<>();
        ReportBlock block = new ReportBlock(0x55667788L, 10, -2, 0x10005, 32, 0x3D4E8000L, 0x8000);
        seeds.add(bytes(List.of(
                new SenderReport(1, 0xE12C3D4E80000000L, 123456, 100, 10000, List.of(block), null),
                SourceDescription.ofCname(1, "user@host"))));
        seeds.add(bytes(List.of(
                new ReceiverReport(2, List.of(block, block)),
                SourceDescription.ofCname(2, "x"),
                new PictureLossIndication(2, 3),
                TransportLayerNack.of(2, 3, 100, 101, 103, 200))));
        seeds.add(bytes(List.of(
                new FullIntraRequest(2, List.of(new FullIntraRequest.Entry(3, 7))),
                new ReceiverEstimatedMaxBitrate(2, 1_000_000, List.of(3L, 4L)),
                Goodbye.of("bye", 3, 4),
                new ApplicationDefined(1, 2, "QRM ", new byte[] {1, 2, 3, 4}))));
        TransportWideFeedback.Builder twcc = new TransportWideFeedback.Builder(2, 3, 65530, 0x123456, 9);
        for (int i = 0; i < 30; i++) {
            if (i % 7 == 3) {
                twcc.lost();
            } else {
                twcc.received(i % 5 == 0 ? -300 + i : i * 3);
            }
        }
        seeds.add(bytes(List.of(twcc.build())));
        seeds.add(Hex.bytes("80 CF 00 02 | 11 22 33 44 | 04 00 00 00"));
        return seeds;
    }

    private static byte[] rtp(int payloadType, boolean marker, String payload) {
        return bytes(new RtpPacketBuilder()
                .payloadType(payloadType)
                .sequenceNumber(1)
                .timestamp(3000)
                .ssrc(7)
                .marker(marker)
                .payload(Hex.bytes(payload)));
    }

    private static byte[] bytes(RtpPacketBuilder builder) {
        ByteBuf buf = builder.build(UnpooledByteBufAllocator.DEFAULT);
        try {
            return Hex.toBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] bytes(List<RtcpPacket> packets) {
        ByteBuf buf = Unpooled.buffer();
        try {
            packets.forEach(packet -> packet.writeTo(buf));
            return Hex.toBytes(buf);
        } finally {
            buf.release();
        }
    }
}
