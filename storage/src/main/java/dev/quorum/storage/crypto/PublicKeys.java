package dev.quorum.storage.crypto;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads the RSA public keys customers give for encrypting their media. */
public final class PublicKeys {

    /** Keys shorter than this are refused. */
    public static final int MIN_BITS = 2048;

    private PublicKeys() {}

    /**
     * Parses a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo, what {@code openssl rsa -pubout}
     * writes) holding an RSA key of at least {@link #MIN_BITS} bits.
     *
     * @throws IllegalArgumentException saying what is wrong, in words a user can act on
     */
    public static RSAPublicKey parseRsa(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("The public key is empty");
        }
        String text = pem.trim();
        if (text.contains("BEGIN RSA PUBLIC KEY")) {
            throw new IllegalArgumentException("The key is in PKCS#1 form (BEGIN RSA PUBLIC KEY); give it as a"
                    + " PUBLIC KEY: openssl rsa -RSAPublicKey_in -in key.pem -pubout");
        }
        if (!text.startsWith("-----BEGIN PUBLIC KEY-----") || !text.endsWith("-----END PUBLIC KEY-----")) {
            throw new IllegalArgumentException("The public key must be PEM text from -----BEGIN PUBLIC KEY----- to"
                    + " -----END PUBLIC KEY----- (openssl rsa -in private_key.pem -pubout)");
        }
        String body = text.substring(
                        "-----BEGIN PUBLIC KEY-----".length(), text.length() - "-----END PUBLIC KEY-----".length())
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The public key's PEM body is not Base64");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("The public key is not an RSA key (" + algorithmOf(der) + ")");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        RSAPublicKey rsa = (RSAPublicKey) key;
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_BITS) {
            throw new IllegalArgumentException(
                    "The RSA key has " + bits + " bits; at least " + MIN_BITS + " are required");
        }
        return rsa;
    }

    private static String algorithmOf(byte[] der) {
        for (String alg : new String[] {"EC", "Ed25519", "Ed448", "DSA", "X25519"}) {
            try {
                KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
                return "it is " + alg;
            } catch (Exception ignored) {
                // try the next
            }
        }
        return "not a key this server can read";
    }
}
