package dev.quorum.api.archives;

import dev.quorum.storage.s3.S3Credentials;

/**
 * A video project's upload target: the S3-compatible bucket (and key prefix) its archives go to,
 * as the hosted service's archive storage settings name it.
 *
 * @param s3Url          the bucket URL, as {@code AwsS3Url} takes it (endpoint, bucket, prefix)
 * @param credentials    the key pair from the configuration, or null when {@code credentialsSid} is given
 * @param credentialsSid an AWS credential ({@code CR…}) of the project's account, or null
 * @param fallback       when the upload has not succeeded within the retry window: keep the
 *                       archive in the server's store ({@code available}) rather than fail it
 */
public record ArchiveTarget(String s3Url, S3Credentials credentials, String credentialsSid, boolean fallback) {

    public ArchiveTarget {
        if (s3Url == null || s3Url.isBlank()) {
            throw new IllegalArgumentException("An archive upload target needs its bucket URL");
        }
        if ((credentials == null) == (credentialsSid == null)) {
            throw new IllegalArgumentException("An archive upload target needs either an access key pair or the SID of"
                    + " an AWS credential of the project's account");
        }
    }
}
