package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Sender report (RFC 3550 §6.4.1): a sender's NTP wall clock and the RTP timestamp that
 * corresponds to it, which maps a stream onto real time for lip sync and recording offsets; its
 * send counters; and reception reports on the streams it receives.
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=SR=200   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         SSRC of sender                        |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * sender |              NTP timestamp, most significant word             |
 * info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |             NTP timestamp, least significant word             |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         RTP timestamp                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     sender's packet count                     |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      sender's octet count                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                 report blocks (RC × 24 bytes)                 |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param senderSsrc       the sender's SSRC
 * @param ntpTimestamp     the 64-bit NTP timestamp (seconds since 1900 in the high 32 bits)
 * @param rtpTimestamp     the RTP timestamp corresponding to {@code ntpTimestamp}, unsigned
 * @param packetCount      packets sent since the start, unsigned 32-bit
 * @param octetCount       payload octets sent since the start, unsigned 32-bit
 * @param reportBlocks     up to 31 reception reports
 * @param profileExtension bytes after the report blocks (usually empty); written zero-padded to a
 *                         multiple of 4
 */
public record SenderReport(
        long senderSsrc,
        long ntpTimestamp,
        long rtpTimestamp,
        long packetCount,
        long octetCount,
        List<ReportBlock> reportBlocks,
        byte[] profileExtension)
        implements RtcpPacket {

    private static final int FIXED_LENGTH = 28;

    public SenderReport {
        reportBlocks = List.copyOf(reportBlocks);
        if (reportBlocks.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks, got " + reportBlocks.size());
        }
        profileExtension = profileExtension == null ? new byte[0] : profileExtension;
    }

    /** A report without reception blocks or extensions. */
    public SenderReport(long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
        this(senderSsrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount, List.of(), new byte[0]);
    }

    /** Parses the sender report at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<SenderReport> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the sender report starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<SenderReport> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.open(buf, offset, available, SR);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        if (end - offset < FIXED_LENGTH) {
            return RtcpResult.invalid(RtcpError.TOO_SHORT_FOR_TYPE);
        }
        ReportBlocks rest = ReportBlocks.read(buf, offset, FIXED_LENGTH, end);
        if (rest == null) {
            return RtcpResult.invalid(RtcpError.REPORT_COUNT_MISMATCH);
        }
        return RtcpResult.parsed(new SenderReport(
                buf.getUnsignedInt(offset + 4),
                buf.getLong(offset + 8),
                buf.getUnsignedInt(offset + 16),
                buf.getUnsignedInt(offset + 20),
                buf.getUnsignedInt(offset + 24),
                rest.blocks(),
                rest.extension()));
    }

    @Override
    public int packetType() {
        return SR;
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + ReportBlocks.encodedLength(reportBlocks, profileExtension);
    }

    @Override
    public void writeTo(ByteBuf dst) {
        RtcpHeader.write(dst, reportBlocks.size(), SR, encodedLength());
        dst.writeInt((int) senderSsrc);
        dst.writeLong(ntpTimestamp);
        dst.writeInt((int) rtpTimestamp);
        dst.writeInt((int) packetCount);
        dst.writeInt((int) octetCount);
        ReportBlocks.write(dst, reportBlocks, profileExtension);
    }
}
