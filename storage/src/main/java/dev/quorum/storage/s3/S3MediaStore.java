package dev.quorum.storage.s3;

import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.media.MediaWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Media files as objects of one S3 bucket, keyed {@code <prefix>/<media key>}. A file is written
 * to a local staging file first (writers want a seekable channel) and uploaded when committed;
 * reading fetches byte ranges; links are pre-signed GETs.
 */
public final class S3MediaStore implements MediaStore {

    private final S3Bucket bucket;
    private final LocalMediaStore staging;

    /** Objects go to {@code bucket}; files being written wait under {@code stagingDir}. */
    public S3MediaStore(S3Bucket bucket, Path stagingDir) throws IOException {
        this.bucket = bucket;
        this.staging = new LocalMediaStore(stagingDir);
    }

    public S3Bucket bucket() {
        return bucket;
    }

    /** The object key a media key is stored under. */
    public String objectKey(String key) {
        return bucket.target().objectKey(MediaKeys.validate(key));
    }

    /** Uploads a local file as the object of {@code key}, with user metadata. */
    public void put(String key, Path file, Map<String, String> metadata) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            bucket.upload(objectKey(key), in, Files.size(file), MediaKeys.contentType(key), metadata);
        }
    }

    @Override
    public MediaWriter create(String key) throws IOException {
        return new Uploading(staging.create(key), metadataOf(key));
    }

    @Override
    public MediaWriter reopen(String key) throws IOException {
        if (!staging.exists(key)) {
            throw new NoSuchFileException(key + " is not being written here (objects in the bucket are final)");
        }
        return new Uploading(staging.reopen(key), metadataOf(key));
    }

    private static Map<String, String> metadataOf(String key) {
        return Map.of();
    }

    @Override
    public Optional<MediaObject> open(String key) throws IOException {
        String objectKey = objectKey(key);
        var head = bucket.head(objectKey);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long size = head.get().contentLength();
        Map<String, String> metadata = Map.copyOf(head.get().metadata());
        return Optional.of(new MediaObject() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public Map<String, String> metadata() {
                return metadata;
            }

            @Override
            public Optional<Path> localPath() {
                return Optional.empty();
            }

            @Override
            public InputStream read(long offset, long length) throws IOException {
                if (length <= 0) {
                    return InputStream.nullInputStream();
                }
                return bucket.read(objectKey, offset, length);
            }
        });
    }

    @Override
    public boolean exists(String key) {
        try {
            return bucket.head(objectKey(key)).isPresent();
        } catch (S3Failure e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        staging.delete(key);
        boolean existed = bucket.head(objectKey(key)).isPresent();
        bucket.delete(objectKey(key));
        return existed;
    }

    @Override
    public Optional<URI> directLink(String key, Duration ttl, String contentDisposition) {
        return Optional.of(bucket.presign(objectKey(key), ttl, contentDisposition, MediaKeys.contentType(key)));
    }

    /** Writes to the staging file; commit uploads it and removes the staging copy. */
    private final class Uploading implements MediaWriter {
        private final MediaWriter local;
        private final Map<String, String> metadata;

        Uploading(MediaWriter local, Map<String, String> metadata) {
            this.local = local;
            this.metadata = metadata;
        }

        @Override
        public String key() {
            return local.key();
        }

        @Override
        public FileChannel channel() {
            return local.channel();
        }

        @Override
        public Path path() {
            return local.path();
        }

        @Override
        public void sync() throws IOException {
            local.sync();
        }

        @Override
        public long commit() throws IOException {
            long size = local.commit();
            put(local.key(), local.path(), metadata);
            staging.delete(local.key());
            return size;
        }

        @Override
        public void abort() throws IOException {
            local.abort();
        }

        @Override
        public void close() throws IOException {
            local.close();
        }
    }
}
