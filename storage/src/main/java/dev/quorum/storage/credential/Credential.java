package dev.quorum.storage.credential;

import java.time.Instant;

/**
 * A credential of the Accounts API ({@code CR…}): an AWS access key pair or an RSA public key.
 * Secrets are kept to be used, never shown.
 *
 * @param type        {@link #AWS} or {@link #PUBLIC_KEY}
 * @param awsKeyId    the access key id (AWS credentials), else null
 * @param awsSecret   the secret access key (AWS credentials), else null
 * @param publicKey   the PEM public key (public keys), else null
 */
public record Credential(
        String sid,
        String accountSid,
        String type,
        String friendlyName,
        String awsKeyId,
        String awsSecret,
        String publicKey,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final String AWS = "aws";
    public static final String PUBLIC_KEY = "public_key";

    @Override
    public String toString() {
        return "Credential[" + sid + ", " + type + ", account " + accountSid + "]";
    }
}
