package dev.quorum.api.media;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Params;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.s3.S3Bucket;
import dev.quorum.storage.upload.ExternalBuckets;
import dev.quorum.storage.upload.Upload;
import dev.quorum.storage.upload.UploadStore;
import dev.quorum.storage.url.MediaUrlSigner;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code …/Media} answer: 302 to a link that expires, with the same link in the JSON body as
 * {@code redirect_to}. The link points at whichever store holds the file: a pre-signed URL of the
 * account's bucket or of the servers' shared bucket, else a signed link served by this server.
 * {@code Ttl} (1–3600 s, default 600) sets its lifetime, {@code ContentDisposition} the header the
 * download is served with.
 */
public final class MediaLinks {

    public static final int DEFAULT_TTL = 600;
    public static final int MAX_TTL = 3600;
    private static final Pattern DISPOSITION =
            Pattern.compile("(?i)^(attachment|inline)(\\s*;\\s*filename=\"[^\"\\p{Cntrl}]{1,200}\")?$");

    private final MediaStore media;
    private final MediaUrlSigner signer;
    private final UploadStore uploads;
    private final ExternalBuckets buckets;

    /** @param uploads and @param buckets may be null when media never leaves this server */
    public MediaLinks(MediaStore media, MediaUrlSigner signer, UploadStore uploads, ExternalBuckets buckets) {
        this.media = media;
        this.signer = signer;
        this.uploads = uploads;
        this.buckets = buckets;
    }

    public MediaLinks(MediaStore media, MediaUrlSigner signer) {
        this(media, signer, null, null);
    }

    /** Answers the media request for a file of the server's store; 404 when there is none. */
    public void redirect(Call call, String mediaKey) {
        redirect(call, null, mediaKey);
    }

    /**
     * Answers the media request of a resource: its file in the account's bucket when its upload put
     * it there, else {@code mediaKey} in the server's store; 404 when there is no media (not
     * completed, deleted, or nothing recorded — {@code mediaKey} null).
     */
    public void redirect(Call call, String resourceSid, String mediaKey) {
        Params q = call.query();
        Integer ttl = q.integer("Ttl", 1, MAX_TTL);
        String disposition = q.string("ContentDisposition");
        if (disposition != null && !DISPOSITION.matcher(disposition.trim()).matches()) {
            throw ApiException.invalid(
                    "ContentDisposition",
                    "ContentDisposition must be attachment or inline, optionally"
                            + " followed by ; filename=\"name\", got '" + disposition + "'");
        }
        Duration life = Duration.ofSeconds(ttl == null ? DEFAULT_TTL : ttl);
        Optional<Upload> external = resourceSid == null || uploads == null
                ? Optional.empty()
                : uploads.latest(resourceSid)
                        .filter(u -> Upload.IN_EXTERNAL.equals(u.storedIn()) && Upload.UPLOADED.equals(u.status()));
        if (external.isPresent()) {
            Upload u = external.get();
            String d = disposition != null
                    ? disposition.trim()
                    : "attachment; filename=\"" + MediaKeys.fileName(u.objectKey()) + "\"";
            try (S3Bucket b = buckets.open(u.accountSid(), u.s3Url(), u.credentialsSid())) {
                call.redirect(b.presign(u.objectKey(), life, d, null).toString());
                return;
            } catch (IOException e) {
                throw new ApiException(
                        404,
                        ApiException.NOT_FOUND,
                        "The media of " + resourceOf(call) + " is stored in " + u.location() + " but cannot be linked: "
                                + e.getMessage());
            }
        }
        if (mediaKey == null || !media.exists(mediaKey)) {
            throw new ApiException(
                    404, ApiException.NOT_FOUND, "The media of " + resourceOf(call) + " is not available");
        }
        String d = disposition != null
                ? disposition.trim()
                : "attachment; filename=\"" + MediaKeys.fileName(mediaKey) + "\"";
        Optional<URI> direct;
        try {
            direct = media.directLink(mediaKey, life, d);
        } catch (IOException e) {
            throw new ApiException(
                    500, ApiException.INTERNAL, "The media store could not be reached: " + e.getMessage());
        }
        call.redirect(direct.map(URI::toString).orElseGet(() -> call.baseUrl() + signer.sign(mediaKey, life, d)));
    }

    private static String resourceOf(Call call) {
        return call.path().replaceAll("/Media$", "");
    }
}
