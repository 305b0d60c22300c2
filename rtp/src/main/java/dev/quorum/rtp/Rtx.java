package dev.quorum.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Retransmission packets (RFC 4588 §4): the RTX stream carries the lost packet's payload behind
 * a 2-byte original sequence number (OSN), under its own SSRC, sequence space and payload type.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP Header                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            OSN                |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |                  Original RTP Packet Payload                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Unwrapping and in-place wrapping move the header by two bytes instead of the payload: the
 * header is tens of bytes, the payload up to a thousand. When the view covered the buffer's
 * readable bytes, the buffer's reader index moves with the packet, so the buffer can be passed on
 * as is.
 */
public final class Rtx {

    /** Length of the original sequence number field. */
    public static final int OSN_LENGTH = 2;

    private Rtx() {}

    /** The original sequence number of an RTX packet, or -1 if the payload is too short. */
    public static int originalSequenceNumber(RtpPacket rtx) {
        return rtx.payloadLength() < OSN_LENGTH ? -1 : rtx.buffer().getUnsignedShort(rtx.payloadOffset());
    }

    /**
     * Turns an RTX packet back into the packet it repairs, in place: removes the OSN, restores the
     * original sequence number and sets {@code originalPayloadType} and {@code originalSsrc}.
     * Borrows the packet's buffer and rewrites it; on success {@code rtx} views the original packet.
     *
     * @return the re-wrapped view, {@link RtpError#RTX_PADDING_ONLY} for a probe without payload,
     *     or {@link RtpError#RTX_TRUNCATED}; on error the packet is unchanged
     */
    public static RtpParseResult unwrap(RtpPacket rtx, int originalPayloadType, long originalSsrc) {
        if (rtx.payloadLength() == 0) {
            return RtpError.RTX_PADDING_ONLY;
        }
        if (rtx.payloadLength() < OSN_LENGTH) {
            return RtpError.RTX_TRUNCATED;
        }
        ByteBuf buf = rtx.buffer();
        int start = rtx.offset();
        int length = rtx.length();
        int headerLength = rtx.headerLength();
        int osn = buf.getUnsignedShort(rtx.payloadOffset());
        moveBytes(buf, start, start + OSN_LENGTH, headerLength);
        boolean readable = buf.readerIndex() == start;
        RtpParseResult result = rtx.wrap(buf, start + OSN_LENGTH, length - OSN_LENGTH);
        if (result instanceof RtpPacket packet) {
            packet.setSequenceNumber(osn);
            packet.setPayloadType(originalPayloadType);
            packet.setSsrc(originalSsrc);
            if (readable) {
                buf.readerIndex(start + OSN_LENGTH);
            }
        }
        return result;
    }

    /**
     * Turns a packet into an RTX packet in place, using two bytes of headroom in front of it in
     * its buffer: the header moves forward by two bytes and the OSN is written between header and
     * payload. Borrows and rewrites the packet's buffer; on success {@code packet} views the RTX
     * packet.
     *
     * @return the re-wrapped view, or {@link RtpError#NO_HEADROOM} if the packet starts less than
     *     two bytes into its buffer (the packet is then unchanged; use {@link #wrapInto})
     */
    public static RtpParseResult wrapInPlace(
            RtpPacket packet, int rtxPayloadType, long rtxSsrc, int rtxSequenceNumber) {
        int start = packet.offset();
        if (start < OSN_LENGTH) {
            return RtpError.NO_HEADROOM;
        }
        ByteBuf buf = packet.buffer();
        int length = packet.length();
        int headerLength = packet.headerLength();
        int osn = packet.sequenceNumber();
        int newStart = start - OSN_LENGTH;
        moveBytes(buf, start, newStart, headerLength);
        buf.setShort(newStart + headerLength, osn);
        boolean readable = buf.readerIndex() == start;
        RtpParseResult result = packet.wrap(buf, newStart, length + OSN_LENGTH);
        if (result instanceof RtpPacket rtx) {
            rtx.setSequenceNumber(rtxSequenceNumber);
            rtx.setPayloadType(rtxPayloadType);
            rtx.setSsrc(rtxSsrc);
            if (readable) {
                buf.readerIndex(newStart);
            }
        }
        return result;
    }

    /**
     * Writes an RTX copy of {@code original} at {@code dst}'s writer index: its header with the
     * RTX payload type, SSRC and sequence number, the OSN, then its payload and padding.
     * Borrows both; {@code original} is not modified. This copies the payload, which a
     * retransmission needs anyway when the cached original must stay intact for later NACKs.
     *
     * @return the number of bytes written
     */
    public static int wrapInto(
            RtpPacket original, int rtxPayloadType, long rtxSsrc, int rtxSequenceNumber, ByteBuf dst) {
        ByteBuf src = original.buffer();
        int headerLength = original.headerLength();
        int at = dst.writerIndex();
        dst.writeBytes(src, original.offset(), headerLength);
        dst.writeShort(original.sequenceNumber());
        dst.writeBytes(src, original.payloadOffset(), original.length() - headerLength);
        dst.setByte(at + 1, (dst.getByte(at + 1) & 0x80) | (rtxPayloadType & 0x7F));
        dst.setShort(at + 2, rtxSequenceNumber);
        dst.setInt(at + 8, (int) rtxSsrc);
        return dst.writerIndex() - at;
    }

    /** Copies {@code length} bytes within {@code buf}; correct when the ranges overlap. */
    static void moveBytes(ByteBuf buf, int from, int to, int length) {
        if (to > from) {
            int i = length;
            while (i >= 8) {
                i -= 8;
                buf.setLong(to + i, buf.getLong(from + i));
            }
            while (i > 0) {
                i--;
                buf.setByte(to + i, buf.getByte(from + i));
            }
        } else if (to < from) {
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                buf.setLong(to + i, buf.getLong(from + i));
            }
            for (; i < length; i++) {
                buf.setByte(to + i, buf.getByte(from + i));
            }
        }
    }
}
