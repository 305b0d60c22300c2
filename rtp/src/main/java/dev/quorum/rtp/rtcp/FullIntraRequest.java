package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Full intra request (RFC 5104 §4.3.1): a demand for a keyframe, per target SSRC with a command
 * sequence number so that repeated requests are recognised as the same one.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=4  |   PT=PSFB=206 |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             SSRC of media source (unused, 0)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |  (one or more)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param senderSsrc the requester
 * @param entries    one per stream that must send a keyframe
 */
public record FullIntraRequest(long senderSsrc, List<Entry> entries) implements RtcpPacket {

    /** Feedback message type within PSFB. */
    public static final int FORMAT = 4;

    /** One FCI entry: the stream asked and the request's sequence number (0–255). */
    public record Entry(long ssrc, int sequenceNumber) {

        public Entry {
            if (sequenceNumber < 0 || sequenceNumber > 255) {
                throw new IllegalArgumentException("FIR sequence number " + sequenceNumber + " not in 0..255");
            }
        }
    }

    public FullIntraRequest {
        entries = List.copyOf(entries);
    }

    /** Parses the FIR at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<FullIntraRequest> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the FIR starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<FullIntraRequest> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.openFeedback(buf, offset, available, PSFB, FORMAT);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        int fci = end - offset - RtcpHeader.FEEDBACK_LENGTH;
        if (fci == 0 || fci % 8 != 0) {
            return RtcpResult.invalid(RtcpError.FCI_LENGTH_MISMATCH);
        }
        List<Entry> entries = new ArrayList<>(fci / 8);
        for (int at = offset + RtcpHeader.FEEDBACK_LENGTH; at < end; at += 8) {
            entries.add(new Entry(buf.getUnsignedInt(at), buf.getUnsignedByte(at + 4)));
        }
        return RtcpResult.parsed(new FullIntraRequest(buf.getUnsignedInt(offset + 4), entries));
    }

    @Override
    public int packetType() {
        return PSFB;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.FEEDBACK_LENGTH + 8 * entries.size();
    }

    @Override
    public void writeTo(ByteBuf dst) {
        RtcpHeader.write(dst, FORMAT, PSFB, encodedLength());
        dst.writeInt((int) senderSsrc);
        dst.writeInt(0);
        for (Entry entry : entries) {
            dst.writeInt((int) entry.ssrc());
            dst.writeByte(entry.sequenceNumber());
            dst.writeMedium(0);
        }
    }
}
