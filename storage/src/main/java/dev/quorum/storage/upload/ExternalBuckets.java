package dev.quorum.storage.upload;

import dev.quorum.storage.credential.Credential;
import dev.quorum.storage.credential.CredentialStore;
import dev.quorum.storage.s3.S3Bucket;
import dev.quorum.storage.s3.S3Credentials;
import dev.quorum.storage.s3.S3Failure;
import dev.quorum.storage.s3.S3Target;
import java.io.IOException;
import java.util.Optional;

/** Opens an account's own bucket from its URL and the account's AWS credential. */
public final class ExternalBuckets {

    private final CredentialStore credentials;
    private final UploadConfig config;

    public ExternalBuckets(CredentialStore credentials, UploadConfig config) {
        this.credentials = credentials;
        this.config = config;
    }

    /**
     * The bucket at {@code s3Url} reached with the account's credential {@code credentialsSid}.
     *
     * @throws S3Failure (permanent) if the URL is not a bucket URL or the credential does not exist
     */
    public S3Bucket open(String accountSid, String s3Url, String credentialsSid) throws S3Failure {
        S3Target target;
        try {
            target = S3Target.parse(s3Url, config.defaultRegion());
        } catch (IllegalArgumentException e) {
            throw new S3Failure(e.getMessage(), true, e);
        }
        Optional<Credential> c = credentials.find(accountSid, Credential.AWS, credentialsSid);
        if (c.isEmpty()) {
            throw new S3Failure(
                    "The AWS credentials " + credentialsSid + " could not be loaded: no such credential"
                            + " of the account",
                    true,
                    null);
        }
        return new S3Bucket(
                target,
                new S3Credentials(c.get().awsKeyId(), c.get().awsSecret()),
                config.connectTimeout(),
                config.requestTimeout());
    }

    /** Writes and deletes a probe object: the bucket exists and the credentials may write to it. */
    public void check(String accountSid, String s3Url, String credentialsSid) throws IOException {
        try (S3Bucket b = open(accountSid, s3Url, credentialsSid)) {
            b.check();
        }
    }
}
