package dev.quorum.signaling.session;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers: SDP session ids and resume tokens. */
final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    /** A positive 62-bit decimal number, as browsers use for {@code o=} session ids. */
    static String sdpSessionId() {
        return Long.toString(RANDOM.nextLong() >>> 2);
    }

    /** 128 random bits in hex. */
    static String resumeToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
