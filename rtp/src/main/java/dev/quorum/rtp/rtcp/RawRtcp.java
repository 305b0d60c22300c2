package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * An RTCP packet of a type or feedback format this library does not interpret (XR, SLI, RPSI,
 * APP-layer feedback other than REMB, ...). Unknown types are not errors: the packet is kept,
 * header included, so it can be forwarded or written back unchanged.
 *
 * @param bytes the whole packet as received, header to padding
 */
public record RawRtcp(byte[] bytes) implements RtcpPacket {

    public RawRtcp {
        if (bytes.length < RtcpHeader.LENGTH || bytes.length % 4 != 0) {
            throw new IllegalArgumentException(
                    "an RTCP packet is a whole number of words, at least one: " + bytes.length);
        }
    }

    /**
     * Copies the packet starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<RawRtcp> parse(ByteBuf buf, int offset, int available) {
        int length = RtcpHeader.packetLength(buf, offset, available);
        if (length < 0) {
            return RtcpResult.invalid(RtcpHeader.error(length));
        }
        byte[] bytes = new byte[length];
        buf.getBytes(offset, bytes);
        return RtcpResult.parsed(new RawRtcp(bytes));
    }

    @Override
    public int packetType() {
        return bytes[1] & 0xFF;
    }

    /** The 5-bit count or feedback format field. */
    public int count() {
        return bytes[0] & 0x1F;
    }

    @Override
    public int encodedLength() {
        return bytes.length;
    }

    @Override
    public void writeTo(ByteBuf dst) {
        dst.writeBytes(bytes);
    }
}
