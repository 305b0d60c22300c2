package dev.quorum.sfu.transport.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5): type, transaction ID and attributes in wire order.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>A decoded message lists MESSAGE-INTEGRITY and FINGERPRINT where they were; when encoding,
 * {@link StunEncoder} computes and appends them itself, so they must not be in the list.
 *
 * @param type          message type (class and method bits, e.g. {@link #BINDING_REQUEST})
 * @param transactionId the 12-byte transaction ID
 * @param attributes    attributes in wire order
 */
public record StunMessage(int type, byte[] transactionId, List<StunAttribute> attributes) {

    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    public static final int TRANSACTION_ID_LENGTH = 12;

    public static final int BINDING = 0x001;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_INDICATION = 0x0011;
    public static final int BINDING_SUCCESS_RESPONSE = 0x0101;
    public static final int BINDING_ERROR_RESPONSE = 0x0111;

    private static final SecureRandom RANDOM = new SecureRandom();

    public StunMessage {
        if ((type & 0xC000) != 0) {
            throw new IllegalArgumentException("STUN message type has its top two bits set: " + type);
        }
        if (transactionId.length != TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction ID must be 12 bytes, not " + transactionId.length);
        }
        transactionId = transactionId.clone();
        attributes = List.copyOf(attributes);
    }

    /** A fresh random transaction ID (RFC 8489 §6: uniformly random, cryptographically). */
    public static byte[] newTransactionId() {
        byte[] id = new byte[TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(id);
        return id;
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** The method bits (0x001 for Binding), with the class bits removed. */
    public int method() {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    public boolean isRequest() {
        return (type & 0x0110) == 0x0000;
    }

    public boolean isIndication() {
        return (type & 0x0110) == 0x0010;
    }

    public boolean isSuccessResponse() {
        return (type & 0x0110) == 0x0100;
    }

    public boolean isErrorResponse() {
        return (type & 0x0110) == 0x0110;
    }

    /** The first attribute of the given record type, if present. */
    public <T extends StunAttribute> Optional<T> attribute(Class<T> kind) {
        for (StunAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    public boolean has(Class<? extends StunAttribute> kind) {
        return attribute(kind).isPresent();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage m
                && type == m.type
                && Arrays.equals(transactionId, m.transactionId)
                && attributes.equals(m.attributes);
    }

    @Override
    public int hashCode() {
        return (31 * type + Arrays.hashCode(transactionId)) * 31 + attributes.hashCode();
    }

    @Override
    public String toString() {
        return "StunMessage[type=0x" + Integer.toHexString(type) + ", tid=" + StunHex.of(transactionId)
                + ", attributes=" + attributes + "]";
    }
}
