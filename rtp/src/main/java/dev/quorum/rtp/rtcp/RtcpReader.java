package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable cursor over the packets of a compound RTCP datagram (RFC 3550 §6.1), for the packet
 * path: {@link #reset} checks every packet's header once, then {@link #next} steps through them
 * without allocating. The caller parses only the types it acts on, with the message's
 * {@code parse(buf, offset, length)}.
 *
 * <pre>{@code
 * if (!reader.reset(buf)) { drops.increment(reader.error()); return; }
 * while (reader.next()) {
 *     if (reader.packetType() == RtcpPacket.PSFB && reader.count() == PictureLossIndication.FORMAT) {
 *         keyframes.request(reader.mediaSsrc());
 *     }
 * }
 * }</pre>
 *
 * <p>Reduced-size RTCP (RFC 5506), a single feedback packet without a leading report, is read
 * like any compound packet. Borrows the buffer.
 */
public final class RtcpReader {

    private ByteBuf buf;
    private int end;
    private int next;
    private int offset;
    private int length;
    private RtcpError error;

    /**
     * Points the reader at the readable bytes of {@code buf} and checks each packet's version and
     * length. Borrows {@code buf}.
     *
     * @return false if any packet header is invalid (the datagram is then dropped whole, as RFC
     *     3550 §A.2 advises); {@link #error()} says why
     */
    public boolean reset(ByteBuf buf) {
        this.buf = null;
        error = null;
        int start = buf.readerIndex();
        int stop = buf.writerIndex();
        if (start == stop) {
            error = RtcpError.EMPTY;
            return false;
        }
        for (int pos = start; pos < stop; ) {
            int packetLength = RtcpHeader.packetLength(buf, pos, stop - pos);
            if (packetLength < 0) {
                error = RtcpHeader.error(packetLength);
                return false;
            }
            pos += packetLength;
        }
        this.buf = buf;
        this.end = stop;
        this.next = start;
        this.offset = start;
        this.length = 0;
        return true;
    }

    /** Why the last {@link #reset} failed, or null after a success. */
    public RtcpError error() {
        return error;
    }

    /** Moves to the next packet; false when there is none. */
    public boolean next() {
        if (buf == null || next >= end) {
            return false;
        }
        offset = next;
        length = (buf.getUnsignedShort(offset + 2) + 1) * 4;
        next = offset + length;
        return true;
    }

    /** The buffer being read (borrowed). */
    public ByteBuf buffer() {
        return buf;
    }

    /** Absolute index of the current packet in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** Length of the current packet in bytes, padding included. */
    public int length() {
        return length;
    }

    /** The current packet's type (PT). */
    public int packetType() {
        return RtcpHeader.packetType(buf, offset);
    }

    /** The current packet's count field: report or source count, APP subtype, or feedback FMT. */
    public int count() {
        return RtcpHeader.count(buf, offset);
    }

    /** SSRC of the current packet's sender (every type but SDES starts with it), or -1 if too short. */
    public long senderSsrc() {
        return length >= 8 ? buf.getUnsignedInt(offset + 4) : -1;
    }

    /** Media source SSRC of a feedback packet (RTPFB/PSFB), or -1 if too short. */
    public long mediaSsrc() {
        return length >= RtcpHeader.FEEDBACK_LENGTH ? buf.getUnsignedInt(offset + 8) : -1;
    }

    /**
     * Whether the readable bytes of {@code buf} look like RTCP rather than RTP: a second byte of
     * 192–223 (RFC 5761 §4). Borrows {@code buf}.
     */
    public static boolean isRtcp(ByteBuf buf) {
        if (buf.readableBytes() < 2) {
            return false;
        }
        int packetType = buf.getUnsignedByte(buf.readerIndex() + 1);
        return packetType >= 192 && packetType <= 223;
    }
}
