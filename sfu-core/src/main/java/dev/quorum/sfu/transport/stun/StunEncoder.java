package dev.quorum.sfu.transport.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes STUN messages (RFC 8489 §5, §14): header, the message's attributes in order, then
 * MESSAGE-INTEGRITY when a key is given and FINGERPRINT when asked, always in that order and
 * last, as §14.5 and §14.7 require. Padding bytes are zero.
 */
public final class StunEncoder {

    private StunEncoder() {}

    /** The number of bytes {@link #encode} writes for these arguments. */
    public static int encodedLength(StunMessage message, boolean integrity, boolean fingerprint) {
        int length = StunMessage.HEADER_LENGTH;
        for (StunAttribute a : message.attributes()) {
            length += 4 + ((valueLength(a) + 3) & ~3);
        }
        return length + (integrity ? 4 + StunIntegrity.LENGTH : 0) + (fingerprint ? 8 : 0);
    }

    /**
     * Appends the encoded message at {@code out}'s writer index. Borrows {@code out}.
     *
     * @param integrity   key for MESSAGE-INTEGRITY, or null to send none
     * @param fingerprint whether to end with FINGERPRINT
     * @throws IllegalArgumentException if the message lists MESSAGE-INTEGRITY or FINGERPRINT
     */
    public static void encode(StunMessage message, StunIntegrity integrity, boolean fingerprint, ByteBuf out) {
        int start = out.writerIndex();
        out.writeShort(message.type());
        out.writeShort(0);
        out.writeInt(StunMessage.MAGIC_COOKIE);
        byte[] tid = message.transactionId();
        out.writeBytes(tid);
        for (StunAttribute a : message.attributes()) {
            writeAttribute(a, tid, out);
        }
        if (integrity != null) {
            int integrityOffset = out.writerIndex() - start;
            byte[] hmac = new byte[StunIntegrity.LENGTH];
            integrity.compute(out, start, integrityOffset, hmac);
            out.writeShort(StunAttribute.MESSAGE_INTEGRITY);
            out.writeShort(StunIntegrity.LENGTH);
            out.writeBytes(hmac);
        }
        if (fingerprint) {
            int fingerprintOffset = out.writerIndex() - start;
            out.setShort(start + 2, fingerprintOffset + 8 - StunMessage.HEADER_LENGTH);
            int crc = StunFingerprint.compute(out, start, fingerprintOffset);
            out.writeShort(StunAttribute.FINGERPRINT);
            out.writeShort(4);
            out.writeInt(crc);
        }
        out.setShort(start + 2, out.writerIndex() - start - StunMessage.HEADER_LENGTH);
    }

    private static int valueLength(StunAttribute a) {
        if (a instanceof StunAttribute.Username u) {
            return utf8Length(u.value());
        } else if (a instanceof StunAttribute.ErrorCode e) {
            return 4 + utf8Length(e.reason());
        } else if (a instanceof StunAttribute.UnknownAttributes u) {
            return 2 * u.types().length;
        } else if (a instanceof StunAttribute.XorMappedAddress x) {
            return 4 + x.address().getAddress().getAddress().length;
        } else if (a instanceof StunAttribute.Priority) {
            return 4;
        } else if (a instanceof StunAttribute.UseCandidate) {
            return 0;
        } else if (a instanceof StunAttribute.Software s) {
            return utf8Length(s.value());
        } else if (a instanceof StunAttribute.IceControlled || a instanceof StunAttribute.IceControlling) {
            return 8;
        } else if (a instanceof StunAttribute.Unknown u) {
            return u.value().length;
        }
        throw new IllegalArgumentException(a.getClass().getSimpleName() + " is computed by the encoder, not listed");
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void writeAttribute(StunAttribute a, byte[] tid, ByteBuf out) {
        int length = valueLength(a);
        out.writeShort(a.type());
        out.writeShort(length);
        if (a instanceof StunAttribute.Username u) {
            out.writeCharSequence(u.value(), StandardCharsets.UTF_8);
        } else if (a instanceof StunAttribute.ErrorCode e) {
            out.writeShort(0);
            out.writeByte(e.code() / 100);
            out.writeByte(e.code() % 100);
            out.writeCharSequence(e.reason(), StandardCharsets.UTF_8);
        } else if (a instanceof StunAttribute.UnknownAttributes u) {
            for (int t : u.types()) {
                out.writeShort(t);
            }
        } else if (a instanceof StunAttribute.XorMappedAddress x) {
            writeXorAddress(x.address(), tid, out);
        } else if (a instanceof StunAttribute.Priority p) {
            out.writeInt((int) p.priority());
        } else if (a instanceof StunAttribute.Software s) {
            out.writeCharSequence(s.value(), StandardCharsets.UTF_8);
        } else if (a instanceof StunAttribute.IceControlled c) {
            out.writeLong(c.tieBreaker());
        } else if (a instanceof StunAttribute.IceControlling c) {
            out.writeLong(c.tieBreaker());
        } else if (a instanceof StunAttribute.Unknown u) {
            out.writeBytes(u.value());
        }
        out.writeZero(((length + 3) & ~3) - length);
    }

    private static void writeXorAddress(InetSocketAddress address, byte[] tid, ByteBuf out) {
        byte[] ip = address.getAddress().getAddress();
        out.writeByte(0);
        out.writeByte(ip.length == 4 ? 1 : 2);
        out.writeShort(address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16));
        byte[] masked = ip.clone();
        StunDecoder.xorWithCookieAndTid(masked, tid);
        out.writeBytes(masked);
    }
}
