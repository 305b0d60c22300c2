package dev.quorum.storage.upload;

import dev.quorum.storage.crypto.Envelope;
import java.time.Instant;

/**
 * One queued upload and, once finished, where the file is.
 *
 * @param status      {@link #PENDING}, {@link #UPLOADED} (in its destination), {@link #FALLBACK}
 *                    (kept in the server's store after the retry window), {@link #FAILED} (left
 *                    on the node's disk) or {@link #CANCELLED} (its resource was deleted first)
 * @param storedIn    {@link #IN_EXTERNAL}, {@link #IN_SHARED} or {@link #IN_LOCAL}, once finished
 * @param location    the object's URL in an external bucket (what resources show as
 *                    {@code media_external_location}), else null
 * @param objectKey   the key it is stored under (in the bucket, or the server's store)
 * @param wrappedKey  Base64 of the encrypted content key, if encrypted
 * @param iv          Base64 of the IV, if encrypted
 */
public record Upload(
        long id,
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
        String status,
        int attempts,
        Instant nextAttemptAt,
        Instant deadlineAt,
        String lastError,
        String storedIn,
        String location,
        String objectKey,
        String wrappedKey,
        String iv,
        Long sizeBytes,
        Instant dateCreated,
        Instant dateFinished) {

    public static final String PENDING = "pending";
    public static final String UPLOADED = "uploaded";
    public static final String FALLBACK = "fallback";
    public static final String FAILED = "failed";
    /** Its resource was deleted before the upload ended; nothing of it is kept. */
    public static final String CANCELLED = "cancelled";

    public static final String IN_EXTERNAL = "external";
    public static final String IN_SHARED = "shared";
    public static final String IN_LOCAL = "local";

    /** The encryption envelope, or null if stored unencrypted. */
    public Envelope envelope() {
        return wrappedKey == null ? null : new Envelope(wrappedKey, iv, encryptionKeySid, -1);
    }

    /** This upload with its outcome filled in. */
    Upload finished(
            String status,
            String storedIn,
            String location,
            String objectKey,
            Envelope env,
            long size,
            String error,
            Instant at) {
        return new Upload(
                id,
                accountSid,
                resourceSid,
                resourceKind,
                localKey,
                node,
                destination,
                s3Url,
                credentialsSid,
                encryptionKeySid,
                fallback,
                keepLocal,
                status,
                attempts + 1,
                nextAttemptAt,
                deadlineAt,
                error,
                storedIn,
                location,
                objectKey,
                env == null ? null : env.wrappedKey(),
                env == null ? null : env.iv(),
                size,
                dateCreated,
                at);
    }
}
