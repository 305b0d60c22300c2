package dev.quorum.storage.s3;

/**
 * An access key pair for an S3-compatible store.
 *
 * @param accessKeyId the access key id
 * @param secret      the secret access key (never shown back to users)
 */
public record S3Credentials(String accessKeyId, String secret) {

    public S3Credentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("S3 credentials need an access key id and a secret");
        }
    }

    /** Parses {@code <access key id>:<secret>}, the form the Credentials API takes. */
    public static S3Credentials parse(String pair) {
        int colon = pair == null ? -1 : pair.indexOf(':');
        if (colon <= 0 || colon == pair.length() - 1) {
            throw new IllegalArgumentException("Credentials must be <AWS_ACCESS_KEY_ID>:<AWS_SECRET_ACCESS_KEY>");
        }
        return new S3Credentials(pair.substring(0, colon), pair.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "S3Credentials[" + accessKeyId + ":***]";
    }
}
