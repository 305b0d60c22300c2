package dev.quorum.api.archives;

import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.upload.Destination;
import dev.quorum.storage.upload.MediaUploader;
import dev.quorum.storage.upload.NewUpload;
import dev.quorum.storage.upload.UploadConfig;
import dev.quorum.storage.upload.UploadListener;
import java.util.Map;
import java.util.Optional;

/**
 * Sends finished archives of projects that have an upload target to their bucket, through the
 * durable upload queue: the object key is {@code <prefix>/<project>/<archive>/archive.zip} (or
 * {@code archive.mp4}), failed attempts are retried with backoff for the queue's retry window,
 * then the archive falls back to the server's store or fails, as its project says. Target
 * credentials from the configuration stay in memory: the queue names them
 * {@code video-project:<id>}.
 */
public final class ArchiveStorage {

    /** The upload queue's resource kind of archives. */
    public static final String KIND = "archive";

    static final String CREDENTIALS = "video-project";

    private final MediaUploader uploader;
    private final String node;
    private final Map<String, ArchiveTarget> targets;

    /**
     * @param node    this server's instance id: the uploads it queues read files from its disk
     * @param targets the upload targets, by project ID (API key or application ID)
     */
    public ArchiveStorage(MediaUploader uploader, String node, Map<String, ArchiveTarget> targets) {
        this.uploader = uploader;
        this.node = node;
        this.targets = Map.copyOf(targets);
        uploader.credentialsFrom(
                CREDENTIALS, id -> Optional.ofNullable(this.targets.get(id)).map(ArchiveTarget::credentials));
    }

    Optional<ArchiveTarget> target(String projectId) {
        return Optional.ofNullable(targets.get(projectId));
    }

    void listen(UploadListener listener) {
        uploader.listen(KIND, listener);
    }

    /** Whether the file is on this node's disk, so this node can queue its upload. */
    boolean holds(String mediaKey) {
        return uploader.holdsLocally(mediaKey);
    }

    /** Queues the upload of the archive's output, a file on this node's disk. */
    void enqueue(Archive a, ArchiveTarget t, String mediaKey) {
        UploadConfig c = uploader.config();
        String credentials = t.credentialsSid() != null ? t.credentialsSid() : CREDENTIALS + ":" + a.projectId();
        uploader.enqueue(new NewUpload(
                a.accountSid(),
                a.id(),
                KIND,
                mediaKey,
                node,
                Destination.EXTERNAL,
                t.s3Url(),
                credentials,
                null,
                t.fallback(),
                c.keepLocal(),
                c.window()));
    }
}
