package dev.quorum.signaling.sdp;

import java.util.Locale;

/**
 * {@code a=fingerprint:<hash-function> <hex pairs>} (RFC 8122): the hash of the sender's DTLS
 * certificate that the DTLS handshake is checked against.
 *
 * @param algorithm lower-case hash name as written ({@code sha-256})
 * @param value     upper-case hex pairs joined by colons
 */
public record Fingerprint(String algorithm, String value) {

    public Fingerprint {
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
    }

    /** The attribute value, {@code sha-256 AB:CD:…}. */
    public String text() {
        return algorithm + " " + value;
    }
}
