package dev.quorum.sfu.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A certificate fingerprint as in SDP {@code a=fingerprint:sha-256 AB:CD:…} (RFC 8122 §5).
 *
 * @param algorithm hash function name as SDP writes it, lower case ({@code sha-256})
 * @param hex       the digest as upper-case hex pairs joined by {@code :}
 */
public record DtlsFingerprint(String algorithm, String hex) {

    private static final Map<String, String> JCA_NAMES = Map.of(
            "sha-1", "SHA-1", "sha-224", "SHA-224", "sha-256", "SHA-256", "sha-384", "SHA-384", "sha-512", "SHA-512");

    public DtlsFingerprint {
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        if (!JCA_NAMES.containsKey(algorithm)) {
            throw new IllegalArgumentException("Unsupported fingerprint hash function: " + algorithm);
        }
        hex = hex.toUpperCase(Locale.ROOT);
        int digestLength = digest(algorithm).getDigestLength();
        if (!hex.matches("([0-9A-F]{2}:)*[0-9A-F]{2}") || (hex.length() + 1) / 3 != digestLength) {
            throw new IllegalArgumentException(
                    "A " + algorithm + " fingerprint is " + digestLength + " hex pairs separated by ':'");
        }
    }

    /** Parses the value of an SDP fingerprint attribute: {@code "sha-256 AB:CD:…"}. */
    public static DtlsFingerprint parse(String sdpValue) {
        String[] parts = sdpValue.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("Expected '<hash-function> <fingerprint>', got: " + sdpValue);
        }
        return new DtlsFingerprint(parts[0], parts[1]);
    }

    /** The fingerprint of a DER-encoded certificate with the given hash function. */
    public static DtlsFingerprint of(String algorithm, byte[] certificateDer) {
        byte[] d = digest(algorithm.toLowerCase(Locale.ROOT)).digest(certificateDer);
        return new DtlsFingerprint(
                algorithm, HexFormat.ofDelimiter(":").withUpperCase().formatHex(d));
    }

    /** Whether a DER-encoded certificate has this fingerprint. */
    public boolean matches(byte[] certificateDer) {
        return MessageDigest.isEqual(of(algorithm, certificateDer).hex.getBytes(), hex.getBytes());
    }

    /** The SDP attribute value, {@code "sha-256 AB:CD:…"}. */
    public String toSdpValue() {
        return algorithm + " " + hex;
    }

    private static MessageDigest digest(String algorithm) {
        String jca = JCA_NAMES.get(algorithm);
        if (jca == null) {
            throw new IllegalArgumentException("Unsupported fingerprint hash function: " + algorithm);
        }
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is not available", e);
        }
    }
}
