package dev.quorum.storage.media;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where media files live, by key ({@code recordings/AC…/RM…/RT….mka}; see {@link MediaKeys}).
 * The default keeps them on local disk under the data directory; the interface stays small so an
 * object store can implement it (writing to a local file, then uploading on commit).
 *
 * <p>Keys are validated: segments of letters, digits, {@code .}, {@code _} and {@code -} joined
 * by {@code /}, never starting with a dot; anything else is an {@link IllegalArgumentException}.
 */
public interface MediaStore {

    /**
     * Creates a new file for writing.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the key exists
     */
    MediaWriter create(String key) throws IOException;

    /**
     * Opens an existing, unfinished file to write on from its end, e.g. to repair or finish a
     * recording a crashed writer left behind.
     *
     * @throws java.nio.file.NoSuchFileException if the key does not exist
     */
    MediaWriter reopen(String key) throws IOException;

    /** Opens a file for reading; empty if it does not exist. */
    Optional<MediaObject> open(String key) throws IOException;

    boolean exists(String key);

    /** Deletes a file; false if it did not exist. */
    boolean delete(String key) throws IOException;

    /**
     * A link that lets a client fetch the file from the store itself for {@code ttl} (an object
     * store's pre-signed URL), served with {@code contentDisposition}; empty when the store has no
     * such links and the server serves the file itself.
     */
    default Optional<URI> directLink(String key, Duration ttl, String contentDisposition) throws IOException {
        return Optional.empty();
    }
}
