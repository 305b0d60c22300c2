package dev.quorum.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes RTP packets: header fields, CSRCs, RFC 8285 header extensions, payload and padding.
 *
 * <p>For building packets off the forwarding path (probes, tests, tools); forwarding rewrites
 * received packets in place through {@link RtpPacket} instead. A builder is mutable and may be
 * reused: {@link #writeTo} does not change it.
 */
public final class RtpPacketBuilder {

    /** How header extension elements are laid out (RFC 8285 §4.2 and §4.3). */
    public enum ExtensionForm {
        /** One-byte form when every element fits it (ID 1–14, 1–16 bytes), else two-byte. */
        AUTO,
        ONE_BYTE,
        TWO_BYTE
    }

    private record Element(int id, byte[] value) {}

    private int payloadType;
    private boolean marker;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private long[] csrcs = new long[0];
    private final List<Element> extensions = new ArrayList<>();
    private ExtensionForm extensionForm = ExtensionForm.AUTO;
    private byte[] payload = new byte[0];
    private int padding;

    public RtpPacketBuilder payloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " not in 0..127");
        }
        this.payloadType = payloadType;
        return this;
    }

    public RtpPacketBuilder marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    public RtpPacketBuilder sequenceNumber(int sequenceNumber) {
        this.sequenceNumber = sequenceNumber & 0xFFFF;
        return this;
    }

    public RtpPacketBuilder timestamp(long timestamp) {
        this.timestamp = timestamp & 0xFFFFFFFFL;
        return this;
    }

    public RtpPacketBuilder ssrc(long ssrc) {
        this.ssrc = ssrc & 0xFFFFFFFFL;
        return this;
    }

    public RtpPacketBuilder csrcs(long... csrcs) {
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs, got " + csrcs.length);
        }
        this.csrcs = csrcs.clone();
        return this;
    }

    /** Adds header extension element {@code id} (1–255) with {@code value} (0–255 bytes). */
    public RtpPacketBuilder extension(int id, byte[] value) {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extension id " + id + " not in 1..255");
        }
        if (value.length > 255) {
            throw new IllegalArgumentException("extension value of " + value.length + " bytes exceeds 255");
        }
        extensions.add(new Element(id, value.clone()));
        return this;
    }

    public RtpPacketBuilder clearExtensions() {
        extensions.clear();
        return this;
    }

    public RtpPacketBuilder extensionForm(ExtensionForm form) {
        this.extensionForm = form;
        return this;
    }

    public RtpPacketBuilder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    /** Adds {@code padding} bytes (0 for none, else 1–255) and sets the P bit. */
    public RtpPacketBuilder padding(int padding) {
        if (padding < 0 || padding > 255) {
            throw new IllegalArgumentException("padding " + padding + " not in 0..255");
        }
        this.padding = padding;
        return this;
    }

    /** Length of the packet {@link #writeTo} writes. */
    public int encodedLength() {
        return RtpPacket.FIXED_HEADER_LENGTH + 4 * csrcs.length + extensionBlockLength() + payload.length + padding;
    }

    /** Allocates a buffer from {@code alloc} holding the packet; the caller owns it. */
    public ByteBuf build(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(encodedLength());
        writeTo(buf);
        return buf;
    }

    /** Appends the packet at {@code dst}'s writer index. Borrows {@code dst}. */
    public void writeTo(ByteBuf dst) {
        boolean hasExtensions = !extensions.isEmpty();
        dst.writeByte((RtpPacket.VERSION << 6) | (padding > 0 ? 0x20 : 0) | (hasExtensions ? 0x10 : 0) | csrcs.length);
        dst.writeByte((marker ? 0x80 : 0) | payloadType);
        dst.writeShort(sequenceNumber);
        dst.writeInt((int) timestamp);
        dst.writeInt((int) ssrc);
        for (long csrc : csrcs) {
            dst.writeInt((int) csrc);
        }
        if (hasExtensions) {
            writeExtensions(dst);
        }
        dst.writeBytes(payload);
        if (padding > 0) {
            dst.writeZero(padding - 1);
            dst.writeByte(padding);
        }
    }

    private boolean oneByteForm() {
        return switch (extensionForm) {
            case ONE_BYTE -> {
                for (Element e : extensions) {
                    if (!fitsOneByte(e)) {
                        throw new IllegalStateException("extension " + e.id() + " of " + e.value().length
                                + " bytes does not fit the one-byte form");
                    }
                }
                yield true;
            }
            case TWO_BYTE -> false;
            case AUTO -> extensions.stream().allMatch(RtpPacketBuilder::fitsOneByte);
        };
    }

    private static boolean fitsOneByte(Element e) {
        return e.id() <= 14 && e.value().length >= 1 && e.value().length <= 16;
    }

    private int extensionBlockLength() {
        if (extensions.isEmpty()) {
            return 0;
        }
        int perElement = oneByteForm() ? 1 : 2;
        int elements = 0;
        for (Element e : extensions) {
            elements += perElement + e.value().length;
        }
        return 4 + ((elements + 3) & ~3);
    }

    private void writeExtensions(ByteBuf dst) {
        boolean oneByte = oneByteForm();
        int blockLength = extensionBlockLength() - 4;
        dst.writeShort(oneByte ? HeaderExtensions.ONE_BYTE_PROFILE : HeaderExtensions.TWO_BYTE_PROFILE);
        dst.writeShort(blockLength / 4);
        int written = 0;
        for (Element e : extensions) {
            if (oneByte) {
                dst.writeByte((e.id() << 4) | (e.value().length - 1));
                written += 1;
            } else {
                dst.writeByte(e.id());
                dst.writeByte(e.value().length);
                written += 2;
            }
            dst.writeBytes(e.value());
            written += e.value().length;
        }
        dst.writeZero(blockLength - written);
    }
}
