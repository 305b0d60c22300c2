package dev.quorum.storage.upload;

/**
 * Hears how an upload of one resource kind ended, to update the resource and tell its users. Called
 * on an upload thread before the outcome is recorded in the queue, so a crash in between repeats
 * the call after the next start: implementations must accept a repeat. Not called for an upload
 * cancelled meanwhile (its resource was deleted).
 */
public interface UploadListener {

    /** The file is stored: {@link Upload#status()} {@code uploaded}, or {@code fallback}. */
    void stored(Upload upload);

    /** The retry window passed without an upload and without fallback; the file stays on the node's disk. */
    void failed(Upload upload, String reason);
}
