package dev.quorum.api.media;

import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.s3.S3Bucket;
import dev.quorum.storage.upload.ExternalBuckets;
import dev.quorum.storage.upload.Upload;
import dev.quorum.storage.upload.UploadStore;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a deleted resource's media from every store it was in: the server's store (this node's
 * disk and the shared bucket) under its key and every key its uploads used, and the account's
 * bucket when an upload put it there. Its pending uploads are cancelled (an attempt in flight
 * removes what it stored). A store that cannot be reached is logged; the resource is deleted all
 * the same (its media is no longer served).
 */
public final class StoredMedia {

    private static final Logger LOG = LoggerFactory.getLogger(StoredMedia.class);

    private final MediaStore media;
    private final UploadStore uploads;
    private final ExternalBuckets buckets;

    /** @param uploads and @param buckets may be null when media never leaves this server */
    public StoredMedia(MediaStore media, UploadStore uploads, ExternalBuckets buckets) {
        this.media = media;
        this.uploads = uploads;
        this.buckets = buckets;
    }

    public void delete(String resourceSid, String mediaKey) {
        Set<String> keys = new LinkedHashSet<>();
        if (mediaKey != null) {
            keys.add(mediaKey);
        }
        if (uploads != null) {
            // First, so no node starts an upload of it any more, and one in flight removes its copy.
            uploads.cancel(resourceSid);
            for (Upload u : uploads.ofResource(resourceSid)) {
                keys.add(u.localKey());
                if (u.objectKey() != null && !Upload.IN_EXTERNAL.equals(u.storedIn())) {
                    keys.add(u.objectKey());
                }
                if (Upload.IN_EXTERNAL.equals(u.storedIn()) && u.objectKey() != null) {
                    try (S3Bucket b = buckets.open(u.accountSid(), u.s3Url(), u.credentialsSid())) {
                        b.delete(u.objectKey());
                    } catch (IOException e) {
                        LOG.warn(
                                "The media of {} could not be deleted from {}: {}",
                                resourceSid,
                                u.location(),
                                e.getMessage());
                    }
                }
            }
        }
        for (String key : keys) {
            try {
                media.delete(key);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "Media {} of {} could not be deleted; it is no longer served and can be removed by hand: {}",
                        key,
                        resourceSid,
                        e.toString());
            }
        }
    }
}
