package dev.quorum.storage.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A stored media file opened for reading. */
public interface MediaObject {

    String key();

    /** Size in bytes. */
    long size();

    /** The MIME type its key's extension implies (see {@link MediaKeys#contentType}). */
    default String contentType() {
        return MediaKeys.contentType(key());
    }

    /** The local file, when the store keeps one (lets an HTTP server send it zero-copy). */
    Optional<Path> localPath();

    /**
     * User metadata stored with the file (an encrypted file's wrapped key and IV, see
     * {@code dev.quorum.storage.crypto.Envelope}); served as {@code x-amz-meta-<name>} headers.
     */
    default Map<String, String> metadata() {
        return Map.of();
    }

    /** Reads {@code length} bytes from {@code offset}. */
    InputStream read(long offset, long length) throws IOException;
}
