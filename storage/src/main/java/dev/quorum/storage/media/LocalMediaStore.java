package dev.quorum.storage.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Media files on local disk: a key is a path below the root directory. Files are written in
 * place, so a crash leaves what was synced readable for recovery.
 */
public final class LocalMediaStore implements MediaStore {

    private final Path root;

    /** Keeps files under {@code root}, which is created if missing. */
    public LocalMediaStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    public Path root() {
        return root;
    }

    /** The file a key maps to (it may not exist). */
    public Path pathOf(String key) {
        Path p = root.resolve(MediaKeys.validate(key)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("Media key escapes the store: " + key);
        }
        return p;
    }

    @Override
    public MediaWriter create(String key) throws IOException {
        Path p = pathOf(key);
        Files.createDirectories(p.getParent());
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        syncDirectory(p.getParent());
        return new LocalWriter(key, p, ch);
    }

    @Override
    public MediaWriter reopen(String key) throws IOException {
        Path p = pathOf(key);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE);
        ch.position(ch.size());
        return new LocalWriter(key, p, ch);
    }

    @Override
    public Optional<MediaObject> open(String key) throws IOException {
        Path p = pathOf(key);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        long size = Files.size(p);
        Map<String, String> metadata = readMetadata(p);
        return Optional.of(new MediaObject() {
            @Override
            public Map<String, String> metadata() {
                return metadata;
            }

            @Override
            public String key() {
                return key;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public Optional<Path> localPath() {
                return Optional.of(p);
            }

            @Override
            public InputStream read(long offset, long length) throws IOException {
                FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
                ch.position(offset);
                return new BoundedInputStream(Channels.newInputStream(ch), length);
            }
        });
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    /**
     * Stores user metadata beside a file (in {@code <file>.meta}), read back by {@link #open}: what
     * an object store keeps as {@code x-amz-meta-*}.
     */
    public void writeMetadata(String key, Map<String, String> metadata) throws IOException {
        Path p = metadataPath(pathOf(key));
        Properties props = new Properties();
        props.putAll(metadata);
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            props.store(out, null);
        }
        Files.move(
                tmp,
                p,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(p.getParent());
    }

    private static Path metadataPath(Path file) {
        return file.resolveSibling(file.getFileName() + ".meta");
    }

    private static Map<String, String> readMetadata(Path file) throws IOException {
        Path m = metadataPath(file);
        if (!Files.isRegularFile(m)) {
            return Map.of();
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(m)) {
            props.load(in);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(n -> out.put(n, props.getProperty(n)));
        return Map.copyOf(out);
    }

    @Override
    public boolean delete(String key) throws IOException {
        Path p = pathOf(key);
        Files.deleteIfExists(metadataPath(p));
        boolean deleted = Files.deleteIfExists(p);
        if (deleted) {
            syncDirectory(p.getParent());
        }
        return deleted;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot open directories; the entry is then as durable as they make it.
        }
    }

    private static final class LocalWriter implements MediaWriter {
        private final String key;
        private final Path path;
        private final FileChannel channel;

        LocalWriter(String key, Path path, FileChannel channel) {
            this.key = key;
            this.path = path;
            this.channel = channel;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public FileChannel channel() {
            return channel;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public void sync() throws IOException {
            channel.force(true);
        }

        @Override
        public long commit() throws IOException {
            channel.force(true);
            long size = channel.size();
            channel.close();
            syncDirectory(path.getParent());
            return size;
        }

        @Override
        public void abort() throws IOException {
            channel.close();
            try {
                Files.delete(path);
            } catch (NoSuchFileException ignored) {
                // already gone
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Stops after {@code remaining} bytes, then closes the underlying stream with itself. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
