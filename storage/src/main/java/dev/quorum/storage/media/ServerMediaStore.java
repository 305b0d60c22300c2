package dev.quorum.storage.media;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's own media store: this node's disk, where recorders and composers write, and
 * optionally a shared object store that several servers read. Files are written locally; the
 * upload queue moves finished files to the shared store ({@code dev.quorum.storage.upload}).
 * Reads look on this node's disk first, then in the shared store; deleting removes both copies.
 */
public final class ServerMediaStore implements MediaStore {

    private final LocalMediaStore local;
    private final MediaStore shared;

    /** @param shared the store servers share, or null when media stays on this node's disk */
    public ServerMediaStore(LocalMediaStore local, MediaStore shared) {
        this.local = local;
        this.shared = shared;
    }

    public LocalMediaStore local() {
        return local;
    }

    /** The shared store, if media moves off this node. */
    public Optional<MediaStore> shared() {
        return Optional.ofNullable(shared);
    }

    @Override
    public MediaWriter create(String key) throws IOException {
        return local.create(key);
    }

    @Override
    public MediaWriter reopen(String key) throws IOException {
        return local.reopen(key);
    }

    @Override
    public Optional<MediaObject> open(String key) throws IOException {
        Optional<MediaObject> here = local.open(key);
        if (here.isPresent() || shared == null) {
            return here;
        }
        return shared.open(key);
    }

    @Override
    public boolean exists(String key) {
        return local.exists(key) || shared != null && shared.exists(key);
    }

    @Override
    public boolean delete(String key) throws IOException {
        boolean deleted = local.delete(key);
        if (shared != null) {
            deleted |= shared.delete(key);
        }
        return deleted;
    }

    @Override
    public Optional<URI> directLink(String key, Duration ttl, String contentDisposition) throws IOException {
        if (shared == null || local.exists(key)) {
            return Optional.empty();
        }
        return shared.directLink(key, ttl, contentDisposition);
    }
}
