package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Picture loss indication (RFC 4585 §6.3.1): the receiver lost picture data and asks the sender
 * for a keyframe. No feedback control information.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |   PT=PSFB=206 |          length=2             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param senderSsrc the requester
 * @param mediaSsrc  the stream that needs a keyframe
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements RtcpPacket {

    /** Feedback message type within PSFB. */
    public static final int FORMAT = 1;

    /** Parses the PLI at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<PictureLossIndication> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the PLI starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}. Extra bytes after the SSRCs are ignored.
     */
    public static RtcpResult<PictureLossIndication> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.openFeedback(buf, offset, available, PSFB, FORMAT);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        return RtcpResult.parsed(
                new PictureLossIndication(buf.getUnsignedInt(offset + 4), buf.getUnsignedInt(offset + 8)));
    }

    @Override
    public int packetType() {
        return PSFB;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.FEEDBACK_LENGTH;
    }

    @Override
    public void writeTo(ByteBuf dst) {
        RtcpHeader.write(dst, FORMAT, PSFB, encodedLength());
        dst.writeInt((int) senderSsrc);
        dst.writeInt((int) mediaSsrc);
    }
}
