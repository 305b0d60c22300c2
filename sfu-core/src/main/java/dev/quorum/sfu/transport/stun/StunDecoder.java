package dev.quorum.sfu.transport.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes STUN messages (RFC 8489 §5, §14) from a buffer without consuming it.
 *
 * <p>Rejects anything that is not exactly one well-formed message: shorter than a header, top
 * bits set, wrong magic cookie, a length field that disagrees with the datagram or is not a
 * multiple of four, an attribute running past the end, an attribute value of the wrong size for
 * its type, a FINGERPRINT that is not last or whose CRC does not match. Attributes after
 * MESSAGE-INTEGRITY other than FINGERPRINT are ignored (§14.5). Never throws on bad input.
 */
public final class StunDecoder {

    /** Longest message we look at; a check with every attribute we use is under 200 bytes. */
    public static final int MAX_MESSAGE_LENGTH = 1280;

    private StunDecoder() {}

    /**
     * Whether the readable bytes look like STUN by their first 8 bytes (top bits zero and magic
     * cookie present), the RFC 7983 test refined by the cookie. Borrows {@code buf}.
     */
    public static boolean looksLikeStun(ByteBuf buf) {
        int i = buf.readerIndex();
        return buf.readableBytes() >= StunMessage.HEADER_LENGTH
                && (buf.getUnsignedByte(i) & 0xC0) == 0
                && buf.getInt(i + 4) == StunMessage.MAGIC_COOKIE;
    }

    /** Decodes the readable bytes of {@code buf} as one STUN message. Borrows {@code buf}. */
    public static StunDecodeResult decode(ByteBuf buf) {
        int start = buf.readerIndex();
        int total = buf.readableBytes();
        if (total < StunMessage.HEADER_LENGTH) {
            return new StunDecodeResult.Malformed("shorter than a STUN header: " + total + " bytes");
        }
        if (total > MAX_MESSAGE_LENGTH) {
            return new StunDecodeResult.Malformed("longer than " + MAX_MESSAGE_LENGTH + " bytes: " + total);
        }
        int type = buf.getUnsignedShort(start);
        if ((type & 0xC000) != 0) {
            return new StunDecodeResult.Malformed("top two bits of the message type are set");
        }
        int length = buf.getUnsignedShort(start + 2);
        if (length != total - StunMessage.HEADER_LENGTH) {
            return new StunDecodeResult.Malformed(
                    "length field " + length + " but " + (total - 20) + " attribute bytes");
        }
        if ((length & 3) != 0) {
            return new StunDecodeResult.Malformed("length " + length + " is not a multiple of 4");
        }
        if (buf.getInt(start + 4) != StunMessage.MAGIC_COOKIE) {
            return new StunDecodeResult.Malformed("no magic cookie");
        }
        byte[] tid = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        buf.getBytes(start + 8, tid);

        List<StunAttribute> attributes = new ArrayList<>();
        int integrityOffset = -1;
        int pos = StunMessage.HEADER_LENGTH;
        while (pos < total) {
            if (total - pos < 4) {
                return new StunDecodeResult.Malformed("truncated attribute header at " + pos);
            }
            int attrType = buf.getUnsignedShort(start + pos);
            int attrLength = buf.getUnsignedShort(start + pos + 2);
            int padded = (attrLength + 3) & ~3;
            if (pos + 4 + padded > total) {
                return new StunDecodeResult.Malformed("attribute 0x" + Integer.toHexString(attrType) + " of length "
                        + attrLength + " runs past the end");
            }
            int valueAt = start + pos + 4;
            if (attrType == StunAttribute.FINGERPRINT) {
                if (attrLength != 4 || pos + 8 != total) {
                    return new StunDecodeResult.Malformed("FINGERPRINT is not a last 4-byte attribute");
                }
                int expected = StunFingerprint.compute(buf, start, pos);
                int actual = buf.getInt(valueAt);
                if (expected != actual) {
                    return new StunDecodeResult.Malformed("FINGERPRINT does not match");
                }
                attributes.add(new StunAttribute.Fingerprint(actual));
            } else if (integrityOffset < 0) {
                StunAttribute a = attribute(buf, attrType, valueAt, attrLength, tid);
                if (a == null) {
                    return new StunDecodeResult.Malformed("attribute 0x" + Integer.toHexString(attrType)
                            + " has an invalid value of length " + attrLength);
                }
                if (attrType == StunAttribute.MESSAGE_INTEGRITY) {
                    integrityOffset = pos;
                }
                attributes.add(a);
            }
            pos += 4 + padded;
        }
        return new StunDecodeResult.Decoded(new StunMessage(type, tid, attributes), integrityOffset);
    }

    /** One attribute value, or null when its size or content is invalid for its type. */
    private static StunAttribute attribute(ByteBuf buf, int type, int at, int len, byte[] tid) {
        switch (type) {
            case StunAttribute.USERNAME:
                return len <= 513 ? new StunAttribute.Username(buf.toString(at, len, StandardCharsets.UTF_8)) : null;
            case StunAttribute.MESSAGE_INTEGRITY: {
                if (len != 20) {
                    return null;
                }
                byte[] hmac = new byte[20];
                buf.getBytes(at, hmac);
                return new StunAttribute.MessageIntegrity(hmac);
            }
            case StunAttribute.ERROR_CODE: {
                if (len < 4 || len > 4 + 763) {
                    return null;
                }
                int errClass = buf.getUnsignedByte(at + 2) & 0x07;
                int number = buf.getUnsignedByte(at + 3);
                if (errClass < 3 || errClass > 6 || number > 99) {
                    return null;
                }
                return new StunAttribute.ErrorCode(
                        errClass * 100 + number, buf.toString(at + 4, len - 4, StandardCharsets.UTF_8));
            }
            case StunAttribute.UNKNOWN_ATTRIBUTES: {
                if ((len & 1) != 0) {
                    return null;
                }
                int[] types = new int[len / 2];
                for (int i = 0; i < types.length; i++) {
                    types[i] = buf.getUnsignedShort(at + 2 * i);
                }
                return new StunAttribute.UnknownAttributes(types);
            }
            case StunAttribute.XOR_MAPPED_ADDRESS:
                return xorMappedAddress(buf, at, len, tid);
            case StunAttribute.PRIORITY:
                return len == 4 ? new StunAttribute.Priority(buf.getUnsignedInt(at)) : null;
            case StunAttribute.USE_CANDIDATE:
                return len == 0 ? new StunAttribute.UseCandidate() : null;
            case StunAttribute.SOFTWARE:
                return len <= 763 ? new StunAttribute.Software(buf.toString(at, len, StandardCharsets.UTF_8)) : null;
            case StunAttribute.ICE_CONTROLLED:
                return len == 8 ? new StunAttribute.IceControlled(buf.getLong(at)) : null;
            case StunAttribute.ICE_CONTROLLING:
                return len == 8 ? new StunAttribute.IceControlling(buf.getLong(at)) : null;
            default: {
                byte[] value = new byte[len];
                buf.getBytes(at, value);
                return new StunAttribute.Unknown(type, value);
            }
        }
    }

    private static StunAttribute xorMappedAddress(ByteBuf buf, int at, int len, byte[] tid) {
        if (len < 4) {
            return null;
        }
        int family = buf.getUnsignedByte(at + 1);
        int addressLength = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addressLength < 0 || len != 4 + addressLength) {
            return null;
        }
        int port = buf.getUnsignedShort(at + 2) ^ (StunMessage.MAGIC_COOKIE >>> 16);
        byte[] address = new byte[addressLength];
        buf.getBytes(at + 4, address);
        xorWithCookieAndTid(address, tid);
        try {
            return new StunAttribute.XorMappedAddress(new InetSocketAddress(InetAddress.getByAddress(address), port));
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 or 16 bytes
        }
    }

    /** XORs an address with the magic cookie (IPv4) or the cookie followed by the transaction ID. */
    static void xorWithCookieAndTid(byte[] address, byte[] tid) {
        for (int i = 0; i < address.length; i++) {
            int mask = i < 4 ? (StunMessage.MAGIC_COOKIE >>> (24 - 8 * i)) & 0xFF : tid[i - 4] & 0xFF;
            address[i] = (byte) (address[i] ^ mask);
        }
    }
}
