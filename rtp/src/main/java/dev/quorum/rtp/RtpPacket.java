package dev.quorum.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A view over one RTP packet held in a {@link ByteBuf}: offsets are computed once when the view
 * is wrapped, getters read the buffer, setters rewrite the header in place. Nothing is copied.
 *
 * <p>RFC 3550 §5.1, fixed header, then CSRCs, an optional header extension (§5.3.1) and the
 * payload, followed by padding when P is set (its last byte counts the padding bytes):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * |                             ....                              |
 * </pre>
 *
 * <p>A view is reusable: the packet path keeps one per thread (or per stream) and calls
 * {@link #wrap(ByteBuf)} for every packet, so parsing allocates nothing. The view never owns the
 * buffer: it neither retains nor releases it, and it must not be used after the buffer is
 * released. Moving the buffer's reader index does not move the view; wrap again instead.
 *
 * <p>Header extensions are read in both RFC 8285 forms (one-byte {@code 0xBEDE} and two-byte
 * {@code 0x100x}) by their negotiated ID; typed accessors for the extensions the SFU uses live in
 * {@code dev.quorum.rtp.ext}. Timestamps and SSRCs are unsigned 32-bit values returned in a
 * {@code long}.
 */
public final class RtpPacket implements RtpParseResult {

    /** Size of the fixed header. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** RTP version carried in every packet. */
    public static final int VERSION = 2;

    /** Elements whose position the view records while validating; more are found by scanning. */
    private static final int INDEXED_EXTENSIONS = 16;

    private final int[] extensionIds = new int[INDEXED_EXTENSIONS];
    private final long[] extensionValues = new long[INDEXED_EXTENSIONS];
    private int extensionCount;
    private ByteBuf buf;
    private int start;
    private int length;
    private int extensionProfile = -1;
    private int extensionStart;
    private int extensionEnd;
    private int payloadOffset;
    private int payloadLength;
    private int paddingLength;

    /** An empty view; {@link #wrap} it over a packet before use. */
    public RtpPacket() {}

    /**
     * Parses the readable bytes of {@code buf} into a new view. Borrows {@code buf}.
     *
     * @return the new view, or the reason the bytes are not a valid RTP packet
     */
    public static RtpParseResult parse(ByteBuf buf) {
        return new RtpPacket().wrap(buf);
    }

    /**
     * Points this view at the readable bytes of {@code buf}. Borrows {@code buf}: the view does
     * not retain it. On failure the view is left empty.
     *
     * @return this view, or the reason the bytes are not a valid RTP packet
     */
    public RtpParseResult wrap(ByteBuf buf) {
        return wrap(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Points this view at {@code length} bytes of {@code buf} starting at absolute index
     * {@code offset}. Borrows {@code buf}. Never reads outside that region.
     *
     * @return this view, or the reason the bytes are not a valid RTP packet
     * @throws IndexOutOfBoundsException if the region lies outside the buffer's capacity (a bug
     *     in the caller, not bad input)
     */
    public RtpParseResult wrap(ByteBuf buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.capacity() - length) {
            throw new IndexOutOfBoundsException(
                    "region " + offset + "+" + length + " outside buffer of capacity " + buf.capacity());
        }
        if (length < FIXED_HEADER_LENGTH) {
            return invalid(RtpError.TRUNCATED_HEADER);
        }
        int b0 = buf.getUnsignedByte(offset);
        if (b0 >>> 6 != VERSION) {
            return invalid(RtpError.BAD_VERSION);
        }
        int end = offset + length;
        int pos = offset + FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if (pos > end) {
            return invalid(RtpError.TRUNCATED_CSRC);
        }
        extensionCount = 0;
        int profile = -1;
        int extStart = 0;
        int extEnd = 0;
        if ((b0 & 0x10) != 0) {
            if (end - pos < 4) {
                return invalid(RtpError.TRUNCATED_EXTENSION_HEADER);
            }
            profile = buf.getUnsignedShort(pos);
            extStart = pos + 4;
            extEnd = extStart + 4 * buf.getUnsignedShort(pos + 2);
            if (extEnd > end) {
                return invalid(RtpError.EXTENSION_PAST_END);
            }
            int elements = HeaderExtensions.index(buf, extStart, extEnd, profile, extensionIds, extensionValues);
            if (elements < 0) {
                return invalid(RtpError.MALFORMED_EXTENSION);
            }
            extensionCount = elements;
            pos = extEnd;
        }
        int padding = 0;
        if ((b0 & 0x20) != 0) {
            if (pos == end) {
                return invalid(RtpError.BAD_PADDING);
            }
            padding = buf.getUnsignedByte(end - 1);
            if (padding == 0 || padding > end - pos) {
                return invalid(RtpError.BAD_PADDING);
            }
        }
        this.buf = buf;
        this.start = offset;
        this.length = length;
        this.extensionProfile = profile;
        this.extensionStart = extStart;
        this.extensionEnd = extEnd;
        this.payloadOffset = pos;
        this.payloadLength = end - pos - padding;
        this.paddingLength = padding;
        return this;
    }

    private RtpError invalid(RtpError error) {
        clear();
        return error;
    }

    /** Forgets the buffer, so a pooled view does not keep a released buffer reachable. */
    public void clear() {
        buf = null;
        extensionCount = 0;
        start = 0;
        length = 0;
        extensionProfile = -1;
        extensionStart = 0;
        extensionEnd = 0;
        payloadOffset = 0;
        payloadLength = 0;
        paddingLength = 0;
    }

    /** Whether the view currently points at a valid packet. */
    public boolean isWrapped() {
        return buf != null;
    }

    /** The viewed buffer (borrowed; the view does not own it). */
    public ByteBuf buffer() {
        return buf;
    }

    /** Absolute index of the packet's first byte in {@link #buffer()}. */
    public int offset() {
        return start;
    }

    /** Length of the whole packet, header to padding. */
    public int length() {
        return length;
    }

    /** Length of the header: fixed part, CSRCs and extension block. */
    public int headerLength() {
        return payloadOffset - start;
    }

    public boolean hasPadding() {
        return (buf.getByte(start) & 0x20) != 0;
    }

    public boolean hasExtension() {
        return extensionProfile >= 0;
    }

    public int csrcCount() {
        return buf.getByte(start) & 0x0F;
    }

    /** The {@code index}-th contributing source, unsigned. */
    public long csrc(int index) {
        if (index < 0 || index >= csrcCount()) {
            throw new IndexOutOfBoundsException("CSRC " + index + " of " + csrcCount());
        }
        return buf.getUnsignedInt(start + FIXED_HEADER_LENGTH + 4 * index);
    }

    public boolean marker() {
        return (buf.getByte(start + 1) & 0x80) != 0;
    }

    public int payloadType() {
        return buf.getByte(start + 1) & 0x7F;
    }

    /** The 16-bit sequence number, 0–65535. */
    public int sequenceNumber() {
        return buf.getUnsignedShort(start + 2);
    }

    /** The 32-bit timestamp, unsigned. */
    public long timestamp() {
        return buf.getUnsignedInt(start + 4);
    }

    /** The synchronization source, unsigned. */
    public long ssrc() {
        return buf.getUnsignedInt(start + 8);
    }

    public void setMarker(boolean marker) {
        int b1 = buf.getByte(start + 1);
        buf.setByte(start + 1, marker ? (b1 | 0x80) : (b1 & 0x7F));
    }

    public void setPayloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " not in 0..127");
        }
        buf.setByte(start + 1, (buf.getByte(start + 1) & 0x80) | payloadType);
    }

    /** Writes the low 16 bits of {@code sequenceNumber}. */
    public void setSequenceNumber(int sequenceNumber) {
        buf.setShort(start + 2, sequenceNumber);
    }

    /** Writes the low 32 bits of {@code timestamp}. */
    public void setTimestamp(long timestamp) {
        buf.setInt(start + 4, (int) timestamp);
    }

    /** Writes the low 32 bits of {@code ssrc}. */
    public void setSsrc(long ssrc) {
        buf.setInt(start + 8, (int) ssrc);
    }

    /** Absolute index of the first payload byte in {@link #buffer()}. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload length, without padding. Zero for padding-only packets. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Number of padding bytes at the end, including the count byte; 0 without padding. */
    public int paddingLength() {
        return paddingLength;
    }

    /**
     * A slice over the payload sharing the packet's memory. Allocates a slice object; not
     * retained, so it is valid as long as the packet's buffer.
     */
    public ByteBuf payload() {
        return buf.slice(payloadOffset, payloadLength);
    }

    /** The extension profile (e.g. {@code 0xBEDE}), or -1 without an extension block. */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** Whether the extension block uses the RFC 8285 one-byte form. */
    public boolean hasOneByteExtensions() {
        return HeaderExtensions.isOneByte(extensionProfile);
    }

    /** Whether the extension block uses the RFC 8285 two-byte form. */
    public boolean hasTwoByteExtensions() {
        return extensionProfile >= 0 && HeaderExtensions.isTwoByte(extensionProfile);
    }

    /**
     * Absolute index in {@link #buffer()} of the value of extension element {@code id}, or -1 if
     * the packet has no such element (or no RFC 8285 extension block).
     */
    public int extensionOffset(int id) {
        long found = findExtension(id);
        return found < 0 ? -1 : HeaderExtensions.valueOffset(found);
    }

    /** Length of the value of extension element {@code id}, or -1 if absent. */
    public int extensionLength(int id) {
        long found = findExtension(id);
        return found < 0 ? -1 : HeaderExtensions.valueLength(found);
    }

    /**
     * Copies the value of extension element {@code id} into a new array (control path only), or
     * returns null if absent.
     */
    public byte[] extensionValue(int id) {
        long found = findExtension(id);
        if (found < 0) {
            return null;
        }
        byte[] value = new byte[HeaderExtensions.valueLength(found)];
        buf.getBytes(HeaderExtensions.valueOffset(found), value);
        return value;
    }

    /**
     * Overwrites the value of extension element {@code id} in place. The element keeps its length,
     * so the packet layout does not change.
     *
     * @return this packet, {@link RtpError#EXTENSION_NOT_FOUND} or
     *     {@link RtpError#EXTENSION_LENGTH_MISMATCH}
     */
    public RtpParseResult setExtensionValue(int id, byte[] value) {
        long found = findExtension(id);
        if (found < 0) {
            return RtpError.EXTENSION_NOT_FOUND;
        }
        if (HeaderExtensions.valueLength(found) != value.length) {
            return RtpError.EXTENSION_LENGTH_MISMATCH;
        }
        buf.setBytes(HeaderExtensions.valueOffset(found), value);
        return this;
    }

    /**
     * Finds extension element {@code id}: the value's absolute offset and length packed as
     * {@code offset << 16 | length}, or a negative number if absent. For typed accessors that
     * want both without scanning twice; unpack with {@link #foundOffset} and {@link #foundLength}.
     */
    public long findExtension(int id) {
        if (extensionProfile < 0 || id <= 0) {
            return HeaderExtensions.NOT_FOUND;
        }
        if (extensionCount <= INDEXED_EXTENSIONS) {
            for (int i = 0; i < extensionCount; i++) {
                if (extensionIds[i] == id) {
                    return extensionValues[i];
                }
            }
            return HeaderExtensions.NOT_FOUND;
        }
        long found = HeaderExtensions.find(buf, extensionStart, extensionEnd, extensionProfile, id);
        return found < 0 ? HeaderExtensions.NOT_FOUND : found;
    }

    /** The value offset of a non-negative {@link #findExtension} result. */
    public static int foundOffset(long found) {
        return HeaderExtensions.valueOffset(found);
    }

    /** The value length of a non-negative {@link #findExtension} result. */
    public static int foundLength(long found) {
        return HeaderExtensions.valueLength(found);
    }

    @Override
    public String toString() {
        if (buf == null) {
            return "RtpPacket[empty]";
        }
        return "RtpPacket[pt=" + payloadType() + ", seq=" + sequenceNumber() + ", ts=" + timestamp()
                + ", ssrc=" + ssrc() + (marker() ? ", marker" : "") + ", payload=" + payloadLength
                + (paddingLength > 0 ? ", padding=" + paddingLength : "") + "]";
    }
}
