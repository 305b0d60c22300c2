package dev.quorum.sfu.room.forward;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.codec.vp8.Vp8PayloadDescriptor;
import io.netty.buffer.ByteBuf;

/**
 * Builds one subscriber's copy of a received packet in a single pass: a fresh header with the
 * subscriber's payload type, sequence number, timestamp and SSRC, a fresh extension block (the
 * publisher's audio level and video orientation carried over under the subscriber's ids, plus the
 * subscriber's own mid, transport-wide sequence number and abs-send-time), then the payload copied
 * once. The copy is unavoidable (each subscriber's SRTP encrypts its own bytes); building it here
 * means the shared received packet is never modified per subscriber. CSRCs and padding are not
 * carried over. For RTX the original sequence number goes in front of the payload (RFC 4588 §4).
 */
public final class OutgoingPacketWriter {

    /** Largest extension block the writer produces: header, five elements, padding. */
    public static final int MAX_EXTENSION_BLOCK = 4 + (1 + 16) + (1 + 3) + (1 + 2) + (1 + 1) + (1 + 1) + 3;

    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();

    /** The most bytes {@link #write} can produce for {@code src}. */
    public static int maxLength(RtpPacket src) {
        return RtpPacket.FIXED_HEADER_LENGTH + MAX_EXTENSION_BLOCK + 2 + src.payloadLength();
    }

    /**
     * Writes the packet at {@code dst}'s writer index.
     *
     * @param src    the received packet; borrowed, not modified
     * @param srcIds the publisher's negotiated extension ids ({@link HeaderExtension#ids})
     * @param dst    the outgoing buffer with at least {@link #maxLength} writable bytes; borrowed
     * @param h      the subscriber's values for this packet
     * @param dstIds the subscriber's negotiated extension ids
     * @param vp8Payload true if the payload starts with a VP8 payload descriptor to rewrite
     * @return bytes written
     */
    public int write(RtpPacket src, int[] srcIds, ByteBuf dst, OutgoingHeader h, int[] dstIds, boolean vp8Payload) {
        ByteBuf in = src.buffer();
        int start = dst.writerIndex();
        dst.writeByte(0x80);
        dst.writeByte((h.marker ? 0x80 : 0) | (h.payloadType & 0x7F));
        dst.writeShort(h.sequenceNumber);
        dst.writeInt((int) h.timestamp);
        dst.writeInt((int) h.ssrc);

        int blockStart = dst.writerIndex();
        dst.writeShort(0xBEDE);
        dst.writeShort(0);
        int elementsStart = dst.writerIndex();
        if (h.mid != null) {
            element(dst, dstIds[HeaderExtension.MID.ordinal()], h.mid);
        }
        if (h.absSendTime >= 0 && oneByteId(dstIds[HeaderExtension.ABS_SEND_TIME.ordinal()])) {
            dst.writeByte(dstIds[HeaderExtension.ABS_SEND_TIME.ordinal()] << 4 | 2);
            dst.writeMedium(h.absSendTime);
        }
        if (h.transportSequenceNumber >= 0 && oneByteId(dstIds[HeaderExtension.TRANSPORT_CC.ordinal()])) {
            dst.writeByte(dstIds[HeaderExtension.TRANSPORT_CC.ordinal()] << 4 | 1);
            dst.writeShort(h.transportSequenceNumber);
        }
        copyOneByteValue(
                src,
                in,
                srcIds[HeaderExtension.AUDIO_LEVEL.ordinal()],
                dstIds[HeaderExtension.AUDIO_LEVEL.ordinal()],
                dst);
        copyOneByteValue(
                src,
                in,
                srcIds[HeaderExtension.VIDEO_ORIENTATION.ordinal()],
                dstIds[HeaderExtension.VIDEO_ORIENTATION.ordinal()],
                dst);
        int elements = dst.writerIndex() - elementsStart;
        if (elements == 0) {
            dst.writerIndex(blockStart);
        } else {
            int padded = (elements + 3) & ~3;
            dst.writeZero(padded - elements);
            dst.setShort(blockStart + 2, padded / 4);
            dst.setByte(start, 0x90);
        }

        if (h.originalSequenceNumber >= 0) {
            dst.writeShort(h.originalSequenceNumber);
        }
        int payloadAt = dst.writerIndex();
        dst.writeBytes(in, src.payloadOffset(), src.payloadLength());
        if (vp8Payload && (h.pictureId >= 0 || h.tl0PicIdx >= 0) && vp8.wrap(dst, payloadAt, src.payloadLength())) {
            if (h.pictureId >= 0 && vp8.hasPictureId()) {
                vp8.setPictureId(h.pictureId);
            }
            if (h.tl0PicIdx >= 0 && vp8.hasTl0PicIdx()) {
                vp8.setTl0PicIdx(h.tl0PicIdx);
            }
        }
        return dst.writerIndex() - start;
    }

    private static boolean oneByteId(int id) {
        return id > 0 && id < 15;
    }

    private static void element(ByteBuf dst, int id, byte[] value) {
        if (oneByteId(id) && value.length > 0 && value.length <= 16) {
            dst.writeByte(id << 4 | (value.length - 1));
            dst.writeBytes(value);
        }
    }

    private static void copyOneByteValue(RtpPacket src, ByteBuf in, int srcId, int dstId, ByteBuf dst) {
        if (srcId == 0 || !oneByteId(dstId)) {
            return;
        }
        long found = src.findExtension(srcId);
        if (found < 0) {
            return;
        }
        int length = RtpPacket.foundLength(found);
        if (length < 1 || length > 16) {
            return;
        }
        dst.writeByte(dstId << 4 | (length - 1));
        dst.writeBytes(in, RtpPacket.foundOffset(found), length);
    }
}
