package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Receiver report (RFC 3550 §6.4.2): reception reports from a participant that does not send.
 * The SFU sends these upstream for each published stream and reads the subscribers' for loss and
 * jitter.
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=RR=201   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     SSRC of packet sender                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                 report blocks (RC × 24 bytes)                 |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param senderSsrc       the reporter's SSRC
 * @param reportBlocks     up to 31 reception reports
 * @param profileExtension bytes after the report blocks (usually empty); written zero-padded to a
 *                         multiple of 4
 */
public record ReceiverReport(long senderSsrc, List<ReportBlock> reportBlocks, byte[] profileExtension)
        implements RtcpPacket {

    private static final int FIXED_LENGTH = 8;

    public ReceiverReport {
        reportBlocks = List.copyOf(reportBlocks);
        if (reportBlocks.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks, got " + reportBlocks.size());
        }
        profileExtension = profileExtension == null ? new byte[0] : profileExtension;
    }

    public ReceiverReport(long senderSsrc, List<ReportBlock> reportBlocks) {
        this(senderSsrc, reportBlocks, new byte[0]);
    }

    /** Parses the receiver report at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<ReceiverReport> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the receiver report starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<ReceiverReport> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.open(buf, offset, available, RR);
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
        return RtcpResult.parsed(new ReceiverReport(buf.getUnsignedInt(offset + 4), rest.blocks(), rest.extension()));
    }

    @Override
    public int packetType() {
        return RR;
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + ReportBlocks.encodedLength(reportBlocks, profileExtension);
    }

    @Override
    public void writeTo(ByteBuf dst) {
        RtcpHeader.write(dst, reportBlocks.size(), RR, encodedLength());
        dst.writeInt((int) senderSsrc);
        ReportBlocks.write(dst, reportBlocks, profileExtension);
    }
}
