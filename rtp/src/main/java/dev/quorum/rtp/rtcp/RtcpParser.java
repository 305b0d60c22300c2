package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses RTCP into message records, dispatching on packet type and feedback format. Types this
 * library does not interpret come back as {@link RawRtcp}. For the allocation-free walk the packet
 * path wants, use {@link RtcpReader}.
 */
public final class RtcpParser {

    private RtcpParser() {}

    /**
     * Parses every packet of the compound datagram in the readable bytes of {@code buf}. Borrows
     * {@code buf}.
     *
     * @return all messages in order, or the first error: a compound packet with one invalid
     *     message is rejected whole (RFC 3550 §A.2)
     */
    public static RtcpResult<List<RtcpPacket>> parse(ByteBuf buf) {
        RtcpReader reader = new RtcpReader();
        if (!reader.reset(buf)) {
            return RtcpResult.invalid(reader.error());
        }
        List<RtcpPacket> packets = new ArrayList<>(4);
        while (reader.next()) {
            RtcpResult<? extends RtcpPacket> one = parseOne(buf, reader.offset(), reader.length());
            if (one instanceof RtcpResult.Invalid<? extends RtcpPacket> invalid) {
                return RtcpResult.invalid(invalid.error());
            }
            packets.add(one.packetOrNull());
        }
        return RtcpResult.parsed(packets);
    }

    /**
     * Parses the single packet at absolute {@code offset} whose length field must fit in
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<? extends RtcpPacket> parseOne(ByteBuf buf, int offset, int available) {
        int length = RtcpHeader.packetLength(buf, offset, available);
        if (length < 0) {
            return RtcpResult.invalid(RtcpHeader.error(length));
        }
        int format = RtcpHeader.count(buf, offset);
        return switch (RtcpHeader.packetType(buf, offset)) {
            case RtcpPacket.SR -> SenderReport.parse(buf, offset, length);
            case RtcpPacket.RR -> ReceiverReport.parse(buf, offset, length);
            case RtcpPacket.SDES -> SourceDescription.parse(buf, offset, length);
            case RtcpPacket.BYE -> Goodbye.parse(buf, offset, length);
            case RtcpPacket.APP -> ApplicationDefined.parse(buf, offset, length);
            case RtcpPacket.RTPFB ->
                switch (format) {
                    case TransportLayerNack.FORMAT -> TransportLayerNack.parse(buf, offset, length);
                    case TransportWideFeedback.FORMAT -> TransportWideFeedback.parse(buf, offset, length);
                    default -> RawRtcp.parse(buf, offset, length);
                };
            case RtcpPacket.PSFB ->
                switch (format) {
                    case PictureLossIndication.FORMAT -> PictureLossIndication.parse(buf, offset, length);
                    case FullIntraRequest.FORMAT -> FullIntraRequest.parse(buf, offset, length);
                    case ReceiverEstimatedMaxBitrate.FORMAT ->
                        ReceiverEstimatedMaxBitrate.isRemb(buf, offset, length)
                                ? ReceiverEstimatedMaxBitrate.parse(buf, offset, length)
                                : RawRtcp.parse(buf, offset, length);
                    default -> RawRtcp.parse(buf, offset, length);
                };
            default -> RawRtcp.parse(buf, offset, length);
        };
    }

    /** Appends {@code packets} as one compound datagram at {@code dst}'s writer index. Borrows {@code dst}. */
    public static void writeCompound(List<? extends RtcpPacket> packets, ByteBuf dst) {
        for (RtcpPacket packet : packets) {
            packet.writeTo(dst);
        }
    }

    /** Total length of {@code packets} written as one compound datagram. */
    public static int compoundLength(List<? extends RtcpPacket> packets) {
        int length = 0;
        for (RtcpPacket packet : packets) {
            length += packet.encodedLength();
        }
        return length;
    }
}
