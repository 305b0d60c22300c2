package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The part sender and receiver reports share after their fixed fields (RFC 3550 §6.4): report
 * blocks, then an optional profile-specific extension up to the end of the packet.
 *
 * @param blocks    the report blocks, as many as the header's count says
 * @param extension the profile-specific extension (usually empty)
 */
record ReportBlocks(List<ReportBlock> blocks, byte[] extension) {

    /**
     * Reads the blocks and extension of the report at {@code offset}, whose fixed part is
     * {@code fixedLength} bytes and which ends at {@code end}. Borrows {@code buf}.
     *
     * @return null if the header's count needs more blocks than the packet holds
     */
    static ReportBlocks read(ByteBuf buf, int offset, int fixedLength, int end) {
        int count = RtcpHeader.count(buf, offset);
        int blocksEnd = offset + fixedLength + count * ReportBlock.LENGTH;
        if (blocksEnd > end) {
            return null;
        }
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int at = offset + fixedLength; at < blocksEnd; at += ReportBlock.LENGTH) {
            blocks.add(ReportBlock.read(buf, at));
        }
        byte[] extension = new byte[end - blocksEnd];
        buf.getBytes(blocksEnd, extension);
        return new ReportBlocks(blocks, extension);
    }

    /** Bytes of blocks and (padded) extension. */
    static int encodedLength(List<ReportBlock> blocks, byte[] extension) {
        return blocks.size() * ReportBlock.LENGTH + RtcpHeader.padTo4(extension.length);
    }

    /** Appends the blocks and the extension, padded to 32 bits. Borrows {@code dst}. */
    static void write(ByteBuf dst, List<ReportBlock> blocks, byte[] extension) {
        for (ReportBlock block : blocks) {
            block.writeTo(dst);
        }
        dst.writeBytes(extension);
        dst.writeZero(RtcpHeader.padTo4(extension.length) - extension.length);
    }
}
