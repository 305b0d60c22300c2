package dev.quorum.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * One bucket (and key prefix) of an S3-compatible store, reached with the AWS SDK over the JDK's
 * HTTP client: path-style requests for endpoints other than AWS, checksums only where the API
 * requires them (S3-compatible servers differ in the newer checksum headers). The SDK retries a
 * request twice; longer outages are the upload queue's to ride out.
 */
public final class S3Bucket implements AutoCloseable {

    /** Objects up to this size go in one request; larger ones as a multipart upload of such parts. */
    public static final int PART_SIZE = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(S3Bucket.class);

    private final S3Target target;
    private final S3Client client;
    private final S3Presigner presigner;

    public S3Bucket(S3Target target, S3Credentials credentials, Duration connectTimeout, Duration requestTimeout) {
        this.target = target;
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secret()));
        S3Configuration s3 = S3Configuration.builder()
                .pathStyleAccessEnabled(target.pathStyle())
                .build();
        this.client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        .socketTimeout(requestTimeout)
                        .build())
                .endpointOverride(target.endpoint())
                .region(Region.of(target.region()))
                .credentialsProvider(creds)
                .serviceConfiguration(s3)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallAttemptTimeout(requestTimeout))
                .build();
        this.presigner = S3Presigner.builder()
                .endpointOverride(target.endpoint())
                .region(Region.of(target.region()))
                .credentialsProvider(creds)
                .serviceConfiguration(s3)
                .build();
    }

    public S3Target target() {
        return target;
    }

    /**
     * Checks that the bucket exists and these credentials may write to it, by writing and
     * deleting a small object under the prefix.
     */
    public void check() throws S3Failure {
        String probe = target.objectKey(".quorum-write-check");
        call(
                "write to",
                probe,
                () -> client.putObject(b -> b.bucket(target.bucket()).key(probe), RequestBody.fromString("ok")));
        call(
                "delete",
                probe,
                () -> client.deleteObject(b -> b.bucket(target.bucket()).key(probe)));
    }

    /**
     * Uploads {@code length} bytes from {@code in} as object {@code key} (a full key, prefix
     * included) with the given user metadata (sent as {@code x-amz-meta-*}). The stream is read
     * once, sequentially, so it may encrypt as it goes. Objects above {@link #PART_SIZE} go up in
     * parts; a failed multipart upload is aborted so no parts linger, and as the store may be gone
     * when that abort is sent (or this process may have stopped mid-upload), unfinished multipart
     * uploads of the same key left by earlier attempts are aborted before a new one starts.
     */
    public void upload(String key, InputStream in, long length, String contentType, Map<String, String> metadata)
            throws S3Failure {
        if (length <= PART_SIZE) {
            byte[] all = readFully(in, (int) length, key);
            call(
                    "upload",
                    key,
                    () -> client.putObject(
                            b -> b.bucket(target.bucket())
                                    .key(key)
                                    .contentType(contentType)
                                    .metadata(metadata),
                            RequestBody.fromBytes(all)));
            return;
        }
        try {
            abortUnfinished(key);
        } catch (S3Failure e) {
            // The store will not list or abort (a policy without s3:ListBucketMultipartUploads, a
            // server without the call) or is unreachable: the upload goes on, and reports the latter.
            LOG.debug("Unfinished uploads of {} not checked: {}", key, e.getMessage());
        }
        String uploadId = call(
                        "start uploading",
                        key,
                        () -> client.createMultipartUpload(b -> b.bucket(target.bucket())
                                .key(key)
                                .contentType(contentType)
                                .metadata(metadata)))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long left = length;
            for (int n = 1; left > 0; n++) {
                int size = (int) Math.min(PART_SIZE, left);
                byte[] part = readFully(in, size, key);
                int number = n;
                String etag = call(
                                "upload part " + n + " of",
                                key,
                                () -> client.uploadPart(
                                        b -> b.bucket(target.bucket())
                                                .key(key)
                                                .uploadId(uploadId)
                                                .partNumber(number)
                                                .contentLength((long) size),
                                        RequestBody.fromBytes(part)))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                left -= size;
            }
            call(
                    "finish uploading",
                    key,
                    () -> client.completeMultipartUpload(b -> b.bucket(target.bucket())
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(CompletedMultipartUpload.builder()
                                    .parts(parts)
                                    .build())));
        } catch (S3Failure | RuntimeException e) {
            try {
                client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                        .bucket(target.bucket())
                        .key(key)
                        .uploadId(uploadId)
                        .build());
            } catch (SdkException ignored) {
                // the store may be gone; a bucket lifecycle rule cleans such parts up
            }
            throw e;
        }
    }

    /**
     * Aborts the multipart uploads of exactly {@code key} that were neither completed nor aborted
     * (their parts are stored, and billed, until then). Only this server's uploader writes the
     * key, so none of them is another writer's upload in progress.
     */
    void abortUnfinished(String key) throws S3Failure {
        String marker = null;
        String idMarker = null;
        do {
            String km = marker;
            String im = idMarker;
            ListMultipartUploadsResponse r = call(
                    "list unfinished uploads of",
                    key,
                    () -> client.listMultipartUploads(b ->
                            b.bucket(target.bucket()).prefix(key).keyMarker(km).uploadIdMarker(im)));
            for (MultipartUpload m : r.uploads()) {
                if (key.equals(m.key())) {
                    call(
                            "abort an unfinished upload of",
                            key,
                            () -> client.abortMultipartUpload(
                                    b -> b.bucket(target.bucket()).key(key).uploadId(m.uploadId())));
                }
            }
            if (!Boolean.TRUE.equals(r.isTruncated())) {
                break;
            }
            marker = r.nextKeyMarker();
            idMarker = r.nextUploadIdMarker();
        } while (marker != null);
    }

    /** The object's size and user metadata, or empty if it does not exist. */
    public Optional<HeadObjectResponse> head(String key) throws S3Failure {
        try {
            return Optional.of(call(
                    "look up",
                    key,
                    () -> client.headObject(b -> b.bucket(target.bucket()).key(key))));
        } catch (S3Failure e) {
            if (e.getCause() instanceof NoSuchKeyException
                    || e.getCause() instanceof S3Exception s && s.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Reads {@code length} bytes of the object from {@code offset}. */
    public ResponseInputStream<GetObjectResponse> read(String key, long offset, long length) throws S3Failure {
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        return call(
                "read",
                key,
                () -> client.getObject(b -> b.bucket(target.bucket()).key(key).range(range)));
    }

    /** Deletes the object (S3 answers the same whether it existed or not). */
    public void delete(String key) throws S3Failure {
        call(
                "delete",
                key,
                () -> client.deleteObject(b -> b.bucket(target.bucket()).key(key)));
    }

    /**
     * A pre-signed GET of the object, valid for {@code ttl}, that makes the store answer with the
     * given {@code Content-Disposition} (and {@code Content-Type}, when not null).
     */
    public URI presign(String key, Duration ttl, String contentDisposition, String contentType) {
        return URI.create(presigner
                .presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(g -> {
                    g.bucket(target.bucket()).key(key).responseContentDisposition(contentDisposition);
                    if (contentType != null) {
                        g.responseContentType(contentType);
                    }
                }))
                .url()
                .toString());
    }

    private interface SdkCall<T> {
        T run();
    }

    private <T> T call(String what, String key, SdkCall<T> c) throws S3Failure {
        try {
            return c.run();
        } catch (S3Exception e) {
            int status = e.statusCode();
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            boolean permanent = status == 403 || status == 404 || status == 400 && !"RequestTimeout".equals(code);
            throw new S3Failure(
                    "Could not " + what + " " + describe(key) + ": " + explain(status, code, e), permanent, e);
        } catch (SdkClientException e) {
            throw new S3Failure(
                    "Could not " + what + " " + describe(key) + ": " + target.endpoint() + " did not answer ("
                            + rootMessage(e) + ")",
                    false,
                    e);
        }
    }

    private String describe(String key) {
        return "s3://" + target.bucket() + "/" + key;
    }

    private static String explain(int status, String code, S3Exception e) {
        if ("NoSuchBucket".equals(code)) {
            return "the bucket does not exist";
        }
        if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
            return "the credentials were refused (" + code + ")";
        }
        if ("AccessDenied".equals(code) || status == 403) {
            return "access denied (" + (code == null ? "HTTP 403" : code) + ")";
        }
        return (code == null ? "" : code + ", ") + "HTTP " + status
                + (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                        ? ": " + e.awsErrorDetails().errorMessage()
                        : "");
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }

    private static byte[] readFully(InputStream in, int size, String key) throws S3Failure {
        try {
            byte[] b = in.readNBytes(size);
            if (b.length != size) {
                throw new S3Failure(
                        "The source of " + key + " ended after " + b.length + " of " + size + " bytes", true, null);
            }
            return b;
        } catch (S3Failure e) {
            throw e;
        } catch (IOException e) {
            throw new S3Failure("Could not read the source of " + key + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
    }
}
