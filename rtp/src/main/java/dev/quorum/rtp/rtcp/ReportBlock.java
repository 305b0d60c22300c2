package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * A reception report block inside a sender or receiver report (RFC 3550 §6.4.1): what one
 * receiver saw of one source.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first source)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param ssrc                       the source reported on
 * @param fractionLost               lost fraction since the last report, in 1/256 units (0–255)
 * @param cumulativeLost             packets lost since the start, signed 24-bit (duplicates can
 *                                   make it negative)
 * @param extendedHighestSequence    cycles in the high 16 bits, highest sequence number below
 * @param jitter                     interarrival jitter in timestamp units
 * @param lastSenderReport           middle 32 bits of the NTP timestamp of the last SR received
 * @param delaySinceLastSenderReport delay since that SR, in 1/65536 s
 */
public record ReportBlock(
        long ssrc,
        int fractionLost,
        int cumulativeLost,
        long extendedHighestSequence,
        long jitter,
        long lastSenderReport,
        long delaySinceLastSenderReport) {

    /** Encoded length of a block. */
    public static final int LENGTH = 24;

    /** Reads the block at absolute {@code offset}; the caller has checked 24 bytes are there. */
    static ReportBlock read(ByteBuf buf, int offset) {
        int lost = buf.getMedium(offset + 5);
        return new ReportBlock(
                buf.getUnsignedInt(offset),
                buf.getUnsignedByte(offset + 4),
                lost,
                buf.getUnsignedInt(offset + 8),
                buf.getUnsignedInt(offset + 12),
                buf.getUnsignedInt(offset + 16),
                buf.getUnsignedInt(offset + 20));
    }

    /** Appends the block at {@code dst}'s writer index. Borrows {@code dst}. */
    public void writeTo(ByteBuf dst) {
        dst.writeInt((int) ssrc);
        dst.writeByte(fractionLost);
        dst.writeMedium(cumulativeLost);
        dst.writeInt((int) extendedHighestSequence);
        dst.writeInt((int) jitter);
        dst.writeInt((int) lastSenderReport);
        dst.writeInt((int) delaySinceLastSenderReport);
    }
}
