package dev.quorum.api.projects;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads an application's RSA public key from PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509). */
public final class PublicKeys {

    private PublicKeys() {}

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static RSAPublicKey rsa(String pem) {
        if (pem == null || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IllegalArgumentException("expected a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA public key: " + e.getMessage());
        }
    }
}
