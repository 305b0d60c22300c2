package dev.quorum.signaling.negotiation;

import dev.quorum.signaling.sdp.Fingerprint;
import java.util.Map;

/**
 * Checks a DTLS fingerprint before it reaches the transport: a hash function the DTLS layer can
 * compute (RFC 8122 names) and a value of that hash's length.
 */
final class Fingerprints {

    private static final Map<String, Integer> DIGEST_BYTES =
            Map.of("sha-1", 20, "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64);

    private Fingerprints() {}

    /** Null if usable, else what is wrong with it. */
    static String problem(Fingerprint f) {
        Integer bytes = DIGEST_BYTES.get(f.algorithm());
        if (bytes == null) {
            return "a=fingerprint uses '" + f.algorithm()
                    + "'; supported are sha-256, sha-384, sha-512, sha-224, sha-1";
        }
        if ((f.value().length() + 1) / 3 != bytes) {
            return "a=fingerprint " + f.algorithm() + " must have " + bytes + " bytes";
        }
        return null;
    }
}
