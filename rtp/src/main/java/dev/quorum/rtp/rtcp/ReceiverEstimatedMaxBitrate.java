package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Receiver estimated maximum bitrate, REMB (draft-alvestrand-rmcat-remb-03 §2.2): an
 * application-layer feedback message (PSFB FMT=15) with the identifier "REMB" telling the sender
 * the total bitrate the receiver can take for the listed streams.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source (0)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   SSRC feedback                                               |  (Num SSRC times)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The bitrate is mantissa × 2<sup>exp</sup> bits per second; the writer uses the smallest
 * exponent whose mantissa fits 18 bits, rounding down, as libwebrtc does.
 *
 * @param senderSsrc the estimating receiver
 * @param bitrate    bits per second; values beyond what a long holds read as {@link Long#MAX_VALUE}
 * @param ssrcs      the streams the estimate covers, at most 255
 */
public record ReceiverEstimatedMaxBitrate(long senderSsrc, long bitrate, List<Long> ssrcs) implements RtcpPacket {

    /** Feedback message type within PSFB: application layer feedback. */
    public static final int FORMAT = 15;
    /** The identifier "REMB". */
    public static final int IDENTIFIER = 0x52454D42;

    private static final int FIXED_LENGTH = 20;
    private static final int MANTISSA_BITS = 18;

    public ReceiverEstimatedMaxBitrate {
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 255) {
            throw new IllegalArgumentException("at most 255 SSRCs, got " + ssrcs.size());
        }
        if (bitrate < 0) {
            throw new IllegalArgumentException("negative bitrate " + bitrate);
        }
    }

    /** Whether the PSFB FMT=15 packet at {@code offset} carries the REMB identifier. Borrows {@code buf}. */
    public static boolean isRemb(ByteBuf buf, int offset, int length) {
        return length >= FIXED_LENGTH && buf.getInt(offset + 12) == IDENTIFIER;
    }

    /** Parses the REMB at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<ReceiverEstimatedMaxBitrate> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the REMB starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<ReceiverEstimatedMaxBitrate> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.openFeedback(buf, offset, available, PSFB, FORMAT);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        if (end - offset < FIXED_LENGTH) {
            return RtcpResult.invalid(RtcpError.TOO_SHORT_FOR_TYPE);
        }
        if (buf.getInt(offset + 12) != IDENTIFIER) {
            return RtcpResult.invalid(RtcpError.WRONG_PACKET_TYPE);
        }
        int count = buf.getUnsignedByte(offset + 16);
        if (end - offset - FIXED_LENGTH < 4 * count) {
            return RtcpResult.invalid(RtcpError.REMB_TRUNCATED);
        }
        int exponent = buf.getUnsignedByte(offset + 17) >>> 2;
        long mantissa = buf.getUnsignedMedium(offset + 17) & 0x3FFFF;
        long bitrate = mantissa == 0
                ? 0
                : exponent > Long.numberOfLeadingZeros(mantissa) - 1 ? Long.MAX_VALUE : mantissa << exponent;
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(buf.getUnsignedInt(offset + FIXED_LENGTH + 4 * i));
        }
        return RtcpResult.parsed(new ReceiverEstimatedMaxBitrate(buf.getUnsignedInt(offset + 4), bitrate, ssrcs));
    }

    @Override
    public int packetType() {
        return PSFB;
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + 4 * ssrcs.size();
    }

    @Override
    public void writeTo(ByteBuf dst) {
        int exponent = Math.max(0, 64 - Long.numberOfLeadingZeros(bitrate) - MANTISSA_BITS);
        long mantissa = bitrate >>> exponent;
        RtcpHeader.write(dst, FORMAT, PSFB, encodedLength());
        dst.writeInt((int) senderSsrc);
        dst.writeInt(0);
        dst.writeInt(IDENTIFIER);
        dst.writeByte(ssrcs.size());
        dst.writeMedium((exponent << MANTISSA_BITS) | (int) mantissa);
        for (long ssrc : ssrcs) {
            dst.writeInt((int) ssrc);
        }
    }
}
