package dev.quorum.storage.upload;

import java.time.Duration;

/**
 * A finished file on this node's disk to be put where its account wants it.
 *
 * @param resourceKind    {@code recording}, {@code composition} or {@code archive}: which
 *                        {@link UploadListener} hears the outcome
 * @param localKey        the file's key in this node's local media store
 * @param node            this server's instance id (only it can read the file)
 * @param destination     where it goes
 * @param s3Url           the bucket URL ({@link Destination#EXTERNAL} only)
 * @param credentialsSid  the AWS credential ({@code CR…}) of the account for that bucket
 *                        ({@link Destination#EXTERNAL} only)
 * @param encryptionKeySid the public key credential to encrypt with, or null to store as is
 * @param fallback        after the retry window: keep the file in the server's own store (true) or
 *                        fail (false; the file then stays on this node's disk)
 * @param keepLocal       keep the unencrypted local file once uploaded
 * @param window          how long failed attempts are retried
 */
public record NewUpload(
        String accountSid,
        String resourceSid,
        String resourceKind,
        String localKey,
        String node,
        Destination destination,
        String s3Url,
        String credentialsSid,
        String encryptionKeySid,
        boolean fallback,
        boolean keepLocal,
        Duration window) {

    public NewUpload {
        if (destination == Destination.EXTERNAL && (s3Url == null || credentialsSid == null)) {
            throw new IllegalArgumentException("An upload to an external bucket needs its URL and credentials");
        }
    }
}
