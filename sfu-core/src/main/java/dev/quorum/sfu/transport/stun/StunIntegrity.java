package dev.quorum.sfu.transport.stun;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message up to the attribute, computed
 * as if the header's length field ended just after it (so a FINGERPRINT added later does not
 * change the HMAC).
 *
 * <p>Holds one initialised {@link Mac}; not thread-safe. ICE uses short-term credentials, whose
 * key is the UTF-8 of the ice-pwd itself (no SASLprep is needed for ice-chars).
 */
public final class StunIntegrity {

    public static final int LENGTH = 20;

    private final Mac mac;
    private final byte[] computed = new byte[LENGTH];
    private final byte[] received = new byte[LENGTH];

    /** Integrity keyed with raw key bytes (long-term credentials pass MD5(user:realm:pass)). */
    public StunIntegrity(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** Integrity for ICE's short-term credential: the key is the password's UTF-8 bytes. */
    public static StunIntegrity shortTerm(String password) {
        return new StunIntegrity(password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the MESSAGE-INTEGRITY at {@code integrityOffset} (from the message start at
     * {@code buf.readerIndex()}) matches this key. Borrows {@code buf}; does not modify it.
     */
    public boolean verify(ByteBuf buf, int integrityOffset) {
        int start = buf.readerIndex();
        if (integrityOffset < StunMessage.HEADER_LENGTH || integrityOffset + 4 + LENGTH > buf.readableBytes()) {
            return false;
        }
        compute(buf, start, integrityOffset, computed);
        buf.getBytes(start + integrityOffset + 4, received);
        return MessageDigest.isEqual(computed, received);
    }

    /**
     * Writes into {@code out} the HMAC of bytes {@code [start, start + integrityOffset)} with the
     * length field taken as {@code integrityOffset + 24 - 20}. Borrows {@code buf}.
     */
    void compute(ByteBuf buf, int start, int integrityOffset, byte[] out) {
        int adjustedLength = integrityOffset + 4 + LENGTH - StunMessage.HEADER_LENGTH;
        update(buf, start, 2);
        mac.update((byte) (adjustedLength >>> 8));
        mac.update((byte) adjustedLength);
        update(buf, start + 4, integrityOffset - 4);
        try {
            mac.doFinal(out, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            mac.update(buf.array(), buf.arrayOffset() + index, length);
        } else {
            mac.update(buf.nioBuffer(index, length));
        }
    }
}
