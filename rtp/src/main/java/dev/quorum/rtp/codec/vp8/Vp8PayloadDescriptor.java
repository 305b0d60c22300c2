package dev.quorum.rtp.codec.vp8;

import dev.quorum.rtp.codec.PayloadError;
import io.netty.buffer.ByteBuf;

/**
 * A reusable view over the VP8 payload descriptor at the start of an RTP payload (RFC 7741
 * §4.2). Reads the fields and rewrites PictureID and TL0PICIDX in place, which a simulcast switch
 * needs to present one continuous stream.
 *
 * <pre>
 *      0 1 2 3 4 5 6 7
 *     +-+-+-+-+-+-+-+-+
 *     |X|R|N|S|R| PID | (REQUIRED)
 *     +-+-+-+-+-+-+-+-+
 * X:  |I|L|T|K| RSV   | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * I:  |M| PictureID   | (OPTIONAL; M=1: 15-bit PictureID over two bytes)
 *     +-+-+-+-+-+-+-+-+
 *     |   PictureID   |
 *     +-+-+-+-+-+-+-+-+
 * L:  |   TL0PICIDX   | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * T/K:|TID|Y| KEYIDX  | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Borrows the buffer; never reads outside the payload given to {@link #wrap}.
 */
public final class Vp8PayloadDescriptor {

    private ByteBuf buf;
    private int offset;
    private int length;
    private int pictureIdOffset = -1;
    private int pictureIdLength;
    private int tl0PicIdxOffset = -1;
    private int tidKeyIdxOffset = -1;
    private PayloadError error;

    /**
     * Reads the descriptor at absolute {@code offset} of a payload of {@code payloadLength} bytes.
     * Borrows {@code buf}.
     *
     * @return false if the descriptor does not fit; {@link #error()} then says why
     */
    public boolean wrap(ByteBuf buf, int offset, int payloadLength) {
        this.buf = null;
        pictureIdOffset = -1;
        pictureIdLength = 0;
        tl0PicIdxOffset = -1;
        tidKeyIdxOffset = -1;
        error = PayloadError.VP8_TRUNCATED_DESCRIPTOR;
        if (payloadLength < 1) {
            return false;
        }
        int end = offset + payloadLength;
        int pos = offset + 1;
        int b0 = buf.getUnsignedByte(offset);
        if ((b0 & 0x80) != 0) {
            if (pos >= end) {
                return false;
            }
            int x = buf.getUnsignedByte(pos++);
            if ((x & 0x80) != 0) {
                if (pos >= end) {
                    return false;
                }
                pictureIdOffset = pos;
                pictureIdLength = (buf.getByte(pos) & 0x80) != 0 ? 2 : 1;
                pos += pictureIdLength;
            }
            if ((x & 0x40) != 0) {
                tl0PicIdxOffset = pos++;
            }
            if ((x & 0x30) != 0) {
                tidKeyIdxOffset = pos++;
            }
            if (pos > end) {
                pictureIdOffset = -1;
                tl0PicIdxOffset = -1;
                tidKeyIdxOffset = -1;
                return false;
            }
        }
        this.buf = buf;
        this.offset = offset;
        this.length = pos - offset;
        error = null;
        return true;
    }

    /** Why the last {@link #wrap} failed, or null after a success. */
    public PayloadError error() {
        return error;
    }

    /** Descriptor length in bytes; the VP8 payload follows. */
    public int length() {
        return length;
    }

    /** N: the frame is not used as a reference and may be discarded. */
    public boolean nonReference() {
        return (buf.getByte(offset) & 0x20) != 0;
    }

    /** S: the packet starts a VP8 partition. */
    public boolean startOfPartition() {
        return (buf.getByte(offset) & 0x10) != 0;
    }

    /** PID: the partition index. */
    public int partitionIndex() {
        return buf.getByte(offset) & 0x07;
    }

    /** Whether the packet starts a frame: S=1 and PID=0. */
    public boolean startOfFrame() {
        return (buf.getByte(offset) & 0x17) == 0x10;
    }

    public boolean hasPictureId() {
        return pictureIdOffset >= 0;
    }

    /** PictureID bits: 7 or 15 (M bit), 0 without a PictureID. */
    public int pictureIdBits() {
        return pictureIdLength == 2 ? 15 : pictureIdLength == 1 ? 7 : 0;
    }

    /** The PictureID, or -1 without one. */
    public int pictureId() {
        if (pictureIdLength == 2) {
            return buf.getUnsignedShort(pictureIdOffset) & 0x7FFF;
        }
        return pictureIdLength == 1 ? buf.getByte(pictureIdOffset) & 0x7F : -1;
    }

    /** Rewrites the PictureID in place, keeping its width (the value is masked to it). */
    public void setPictureId(int pictureId) {
        if (pictureIdLength == 2) {
            buf.setShort(pictureIdOffset, 0x8000 | (pictureId & 0x7FFF));
        } else if (pictureIdLength == 1) {
            buf.setByte(pictureIdOffset, pictureId & 0x7F);
        } else {
            throw new IllegalStateException("descriptor has no PictureID");
        }
    }

    public boolean hasTl0PicIdx() {
        return tl0PicIdxOffset >= 0;
    }

    /** TL0PICIDX, or -1 without one. */
    public int tl0PicIdx() {
        return tl0PicIdxOffset >= 0 ? buf.getUnsignedByte(tl0PicIdxOffset) : -1;
    }

    /** Rewrites TL0PICIDX in place. */
    public void setTl0PicIdx(int tl0PicIdx) {
        if (tl0PicIdxOffset < 0) {
            throw new IllegalStateException("descriptor has no TL0PICIDX");
        }
        buf.setByte(tl0PicIdxOffset, tl0PicIdx);
    }

    /** Whether the T/K byte is present. */
    public boolean hasTidKeyIdx() {
        return tidKeyIdxOffset >= 0;
    }

    /** TID, the temporal layer, or -1 when T is not set. */
    public int temporalLayer() {
        return tidKeyIdxOffset >= 0 && (buf.getByte(offset + 1) & 0x20) != 0
                ? buf.getUnsignedByte(tidKeyIdxOffset) >>> 6
                : -1;
    }

    /** Y: layer sync, meaningful with T. */
    public boolean layerSync() {
        return tidKeyIdxOffset >= 0 && (buf.getByte(tidKeyIdxOffset) & 0x20) != 0;
    }

    /** KEYIDX, or -1 when K is not set. */
    public int keyIndex() {
        return tidKeyIdxOffset >= 0 && (buf.getByte(offset + 1) & 0x10) != 0 ? buf.getByte(tidKeyIdxOffset) & 0x1F : -1;
    }
}
