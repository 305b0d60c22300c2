package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Goodbye (RFC 3550 §6.6): the listed sources are leaving, optionally with a reason.
 *
 * <pre>
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |V=2|P|    SC   |   PT=BYE=203  |             length            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           SSRC/CSRC                           |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       :                              ...                              :
 *       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * (opt) |     length    |               reason for leaving            ...
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param sources the leaving SSRCs/CSRCs, at most 31
 * @param reason  the reason's raw bytes (UTF-8), empty when absent
 */
public record Goodbye(List<Long> sources, byte[] reason) implements RtcpPacket {

    public Goodbye {
        sources = List.copyOf(sources);
        if (sources.size() > 31) {
            throw new IllegalArgumentException("at most 31 sources, got " + sources.size());
        }
        reason = reason == null ? new byte[0] : reason;
        if (reason.length > 255) {
            throw new IllegalArgumentException("reason of " + reason.length + " bytes exceeds 255");
        }
    }

    /** A goodbye for {@code sources} with a text reason (empty for none). */
    public static Goodbye of(String reason, long... sources) {
        List<Long> list = new ArrayList<>(sources.length);
        for (long ssrc : sources) {
            list.add(ssrc);
        }
        return new Goodbye(list, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** The reason decoded as UTF-8; empty when absent. */
    public String reasonText() {
        return new String(reason, StandardCharsets.UTF_8);
    }

    /** Parses the BYE packet at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<Goodbye> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the BYE packet starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<Goodbye> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.open(buf, offset, available, BYE);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        int count = RtcpHeader.count(buf, offset);
        int pos = offset + RtcpHeader.LENGTH;
        if (end - pos < 4 * count) {
            return RtcpResult.invalid(RtcpError.BYE_TRUNCATED);
        }
        List<Long> sources = new ArrayList<>(count);
        for (int i = 0; i < count; i++, pos += 4) {
            sources.add(buf.getUnsignedInt(pos));
        }
        byte[] reason = new byte[0];
        if (pos < end) {
            int length = buf.getUnsignedByte(pos);
            if (end - pos - 1 < length) {
                return RtcpResult.invalid(RtcpError.BYE_TRUNCATED);
            }
            reason = new byte[length];
            buf.getBytes(pos + 1, reason);
        }
        return RtcpResult.parsed(new Goodbye(sources, reason));
    }

    @Override
    public int packetType() {
        return BYE;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 4 * sources.size() + (reason.length == 0 ? 0 : RtcpHeader.padTo4(1 + reason.length));
    }

    @Override
    public void writeTo(ByteBuf dst) {
        RtcpHeader.write(dst, sources.size(), BYE, encodedLength());
        for (long ssrc : sources) {
            dst.writeInt((int) ssrc);
        }
        if (reason.length > 0) {
            dst.writeByte(reason.length);
            dst.writeBytes(reason);
            dst.writeZero(RtcpHeader.padTo4(1 + reason.length) - 1 - reason.length);
        }
    }
}
