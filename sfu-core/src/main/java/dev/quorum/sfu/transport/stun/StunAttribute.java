package dev.quorum.sfu.transport.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The STUN attributes an ICE-lite agent reads or writes (RFC 8489 §14, RFC 8445 §16.1). Anything
 * else is kept as {@link Unknown}, so a request carrying an unknown comprehension-required
 * attribute (type below 0x8000) can be answered with 420.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Value (variable)                ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public sealed interface StunAttribute {

    int USERNAME = 0x0006;
    int MESSAGE_INTEGRITY = 0x0008;
    int ERROR_CODE = 0x0009;
    int UNKNOWN_ATTRIBUTES = 0x000A;
    int XOR_MAPPED_ADDRESS = 0x0020;
    int PRIORITY = 0x0024;
    int USE_CANDIDATE = 0x0025;
    int SOFTWARE = 0x8022;
    int FINGERPRINT = 0x8028;
    int ICE_CONTROLLED = 0x8029;
    int ICE_CONTROLLING = 0x802A;

    /** The attribute type as on the wire. */
    int type();

    /** Whether an agent that does not understand {@code type} must reject the message. */
    static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** USERNAME: {@code "<receiver ufrag>:<sender ufrag>"} in ICE checks; at most 513 bytes of UTF-8. */
    record Username(String value) implements StunAttribute {
        public Username {
            if (value.getBytes(StandardCharsets.UTF_8).length > 513) {
                throw new IllegalArgumentException("USERNAME longer than 513 bytes");
            }
        }

        @Override
        public int type() {
            return USERNAME;
        }
    }

    /** MESSAGE-INTEGRITY as read from a message: the 20-byte HMAC-SHA1. */
    record MessageIntegrity(byte[] hmac) implements StunAttribute {
        @Override
        public int type() {
            return MESSAGE_INTEGRITY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageIntegrity m && Arrays.equals(hmac, m.hmac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hmac);
        }

        @Override
        public String toString() {
            return "MessageIntegrity[" + StunHex.of(hmac) + "]";
        }
    }

    /** ERROR-CODE: a code between 300 and 699 and a reason phrase. */
    record ErrorCode(int code, String reason) implements StunAttribute {
        public static final int BAD_REQUEST = 400;
        public static final int UNAUTHORIZED = 401;
        public static final int UNKNOWN_ATTRIBUTE = 420;

        public ErrorCode {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("ERROR-CODE out of range: " + code);
            }
        }

        @Override
        public int type() {
            return ERROR_CODE;
        }
    }

    /** UNKNOWN-ATTRIBUTES: the comprehension-required types a 420 response rejects. */
    record UnknownAttributes(int[] types) implements StunAttribute {
        @Override
        public int type() {
            return UNKNOWN_ATTRIBUTES;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UnknownAttributes u && Arrays.equals(types, u.types);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(types);
        }

        @Override
        public String toString() {
            return "UnknownAttributes" + Arrays.toString(types);
        }
    }

    /** XOR-MAPPED-ADDRESS: the source address the request came from, as the responder saw it. */
    record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
        @Override
        public int type() {
            return XOR_MAPPED_ADDRESS;
        }
    }

    /** PRIORITY: the priority the sender would give a peer-reflexive candidate for this check. */
    record Priority(long priority) implements StunAttribute {
        public Priority {
            if (priority < 0 || priority > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("PRIORITY is an unsigned 32-bit value: " + priority);
            }
        }

        @Override
        public int type() {
            return PRIORITY;
        }
    }

    /** USE-CANDIDATE: the controlling agent nominates the pair this check travels on. */
    record UseCandidate() implements StunAttribute {
        @Override
        public int type() {
            return USE_CANDIDATE;
        }
    }

    /** SOFTWARE: a free-text description of the sender's software. */
    record Software(String value) implements StunAttribute {
        @Override
        public int type() {
            return SOFTWARE;
        }
    }

    /** FINGERPRINT as read from a message: CRC-32 of the preceding bytes XOR 0x5354554E. */
    record Fingerprint(int crc) implements StunAttribute {
        @Override
        public int type() {
            return FINGERPRINT;
        }
    }

    /** ICE-CONTROLLED with the sender's tie-breaker. */
    record IceControlled(long tieBreaker) implements StunAttribute {
        @Override
        public int type() {
            return ICE_CONTROLLED;
        }
    }

    /** ICE-CONTROLLING with the sender's tie-breaker. */
    record IceControlling(long tieBreaker) implements StunAttribute {
        @Override
        public int type() {
            return ICE_CONTROLLING;
        }
    }

    /** Any attribute this codec does not interpret, with its value bytes (padding excluded). */
    record Unknown(int type, byte[] value) implements StunAttribute {
        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && type == u.type && Arrays.equals(value, u.value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Unknown[type=0x" + Integer.toHexString(type) + ", value=" + StunHex.of(value) + "]";
        }
    }
}
