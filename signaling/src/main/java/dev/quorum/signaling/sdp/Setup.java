package dev.quorum.signaling.sdp;

import java.util.Locale;

/** The DTLS role attribute {@code a=setup} (RFC 4145, RFC 8842). */
public enum Setup {
    ACTPASS,
    ACTIVE,
    PASSIVE,
    HOLDCONN;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named by {@code value}, or null if it names none. */
    public static Setup fromValue(String value) {
        for (Setup s : values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
