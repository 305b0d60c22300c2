package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * The header common to every RTCP packet (RFC 3550 §6.4.1) and the checks every parser makes on
 * it. Results are absolute indices, or negative codes standing for an {@link RtcpError}, so the
 * checks allocate nothing.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |  length (32-bit words - 1)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The 5-bit count field is a report count (SR, RR), source count (SDES, BYE), subtype (APP) or
 * feedback message type, FMT (RFC 4585 §6.1). When P is set the last byte counts padding bytes
 * included in the length.
 */
final class RtcpHeader {

    static final int LENGTH = 4;
    /** Common feedback header: RTCP header, sender SSRC, media SSRC (RFC 4585 §6.1). */
    static final int FEEDBACK_LENGTH = 12;

    private static final RtcpError[] ERRORS = RtcpError.values();

    private RtcpHeader() {}

    static int code(RtcpError error) {
        return -1 - error.ordinal();
    }

    static RtcpError error(int code) {
        return ERRORS[-1 - code];
    }

    static int count(ByteBuf buf, int offset) {
        return buf.getByte(offset) & 0x1F;
    }

    static int packetType(ByteBuf buf, int offset) {
        return buf.getUnsignedByte(offset + 1);
    }

    /** Length in bytes of the packet at {@code offset}, from its length field, or an error code. */
    static int packetLength(ByteBuf buf, int offset, int available) {
        if (available < LENGTH) {
            return code(RtcpError.TRUNCATED_HEADER);
        }
        if (buf.getUnsignedByte(offset) >>> 6 != 2) {
            return code(RtcpError.BAD_VERSION);
        }
        int length = (buf.getUnsignedShort(offset + 2) + 1) * 4;
        return length > available ? code(RtcpError.LENGTH_PAST_END) : length;
    }

    /** End (exclusive, absolute) of the packet's content without padding, or an error code. */
    static int contentEnd(ByteBuf buf, int offset, int packetLength) {
        int end = offset + packetLength;
        if ((buf.getByte(offset) & 0x20) == 0) {
            return end;
        }
        int padding = buf.getUnsignedByte(end - 1);
        if (padding == 0 || padding > packetLength - LENGTH) {
            return code(RtcpError.BAD_PADDING);
        }
        return end - padding;
    }

    /**
     * Checks the header of a packet that must be of {@code packetType}: returns the end of its
     * content, or an error code.
     */
    static int open(ByteBuf buf, int offset, int available, int packetType) {
        int length = packetLength(buf, offset, available);
        if (length < 0) {
            return length;
        }
        if (packetType(buf, offset) != packetType) {
            return code(RtcpError.WRONG_PACKET_TYPE);
        }
        return contentEnd(buf, offset, length);
    }

    /** Like {@link #open} for a feedback message of type {@code format}, with room for both SSRCs. */
    static int openFeedback(ByteBuf buf, int offset, int available, int packetType, int format) {
        int end = open(buf, offset, available, packetType);
        if (end < 0) {
            return end;
        }
        if (count(buf, offset) != format) {
            return code(RtcpError.WRONG_PACKET_TYPE);
        }
        return end - offset < FEEDBACK_LENGTH ? code(RtcpError.TOO_SHORT_FOR_TYPE) : end;
    }

    /** Writes a header for a packet of {@code encodedLength} bytes (a multiple of 4). */
    static void write(ByteBuf dst, int count, int packetType, int encodedLength) {
        dst.writeByte(0x80 | count);
        dst.writeByte(packetType);
        dst.writeShort(encodedLength / 4 - 1);
    }

    static int padTo4(int length) {
        return (length + 3) & ~3;
    }
}
