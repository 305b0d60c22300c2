package dev.quorum.sfu.room;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.Rtx;
import dev.quorum.rtp.codec.vp8.Vp8PayloadDescriptor;
import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.rtp.rtcp.RtcpParser;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a client saw of the engine's packets, decoded (the buffers are released). */
record Received(
        int payloadType,
        int sequenceNumber,
        long timestamp,
        long ssrc,
        boolean marker,
        int pictureId,
        int tl0PicIdx,
        int originalSequenceNumber,
        byte[] payload) {

    /** Decodes and releases RTP packets; for RTX (given its payload type) the OSN is read. */
    static List<Received> rtp(List<ByteBuf> packets, int rtxPayloadType) {
        List<Received> out = new ArrayList<>();
        for (ByteBuf b : packets) {
            try {
                RtpPacket p = (RtpPacket) RtpPacket.parse(b);
                int osn = -1;
                int at = p.payloadOffset();
                int len = p.payloadLength();
                if (p.payloadType() == rtxPayloadType) {
                    osn = Rtx.originalSequenceNumber(p);
                    at += 2;
                    len -= 2;
                }
                Vp8PayloadDescriptor d = new Vp8PayloadDescriptor();
                boolean vp8 = len > 5 && d.wrap(b, at, len) && d.hasPictureId();
                byte[] payload = new byte[len];
                b.getBytes(at, payload);
                out.add(new Received(
                        p.payloadType(),
                        p.sequenceNumber(),
                        p.timestamp(),
                        p.ssrc(),
                        p.marker(),
                        vp8 ? d.pictureId() : -1,
                        vp8 && d.hasTl0PicIdx() ? d.tl0PicIdx() : -1,
                        osn,
                        payload));
            } finally {
                b.release();
            }
        }
        return out;
    }

    /** Parses and releases RTCP packets. */
    static List<RtcpPacket> rtcp(List<ByteBuf> packets) {
        List<RtcpPacket> out = new ArrayList<>();
        for (ByteBuf b : packets) {
            try {
                List<RtcpPacket> parsed = RtcpParser.parse(b).packetOrNull();
                if (parsed == null) {
                    throw new AssertionError("engine sent unparsable RTCP");
                }
                out.addAll(parsed);
            } finally {
                b.release();
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T extends RtcpPacket> List<T> only(List<RtcpPacket> packets, Class<T> type) {
        return (List<T>) packets.stream().filter(type::isInstance).toList();
    }

    boolean samePayload(byte[] other) {
        return Arrays.equals(payload, other);
    }
}
