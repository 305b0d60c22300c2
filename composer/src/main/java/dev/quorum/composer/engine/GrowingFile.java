package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A recording file read while the recorder still writes it, as FFmpeg's demuxer input: a read at
 * the current end of the file waits for it to grow, and the end of the file is reported only once
 * the recording is complete. The recorder writes Matroska with a segment and clusters of unknown
 * size, so every prefix it has handed to the OS is a readable file.
 *
 * <p>Waiting polls the file's size every {@link #POLL_MS} ms on the calling thread (a composer
 * thread, never an event loop). While it waits, {@link #starved()} is true: everything the file
 * holds has been read, so the compositor may take the track as silent or frozen up to its live
 * watermark instead of waiting for it.
 */
final class GrowingFile implements AutoCloseable {

    static final long POLL_MS = 100;

    /** One native callback for every growing file; the opaque pointer's address names the file. */
    private static final Map<Long, GrowingFile> OPEN = new ConcurrentHashMap<>();

    private static final AtomicLong IDS = new AtomicLong();
    private static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            GrowingFile f = OPEN.get(opaque.address());
            return f == null ? AVERROR_EOF : f.read(buf, size);
        }
    };

    private final Path path;
    private final BooleanSupplier complete;
    private final long id = IDS.incrementAndGet();
    private final Pointer opaque;
    private FileChannel channel;
    private long position;
    private volatile boolean starved;
    private volatile boolean cancelled;
    private volatile boolean failed;

    /**
     * @param complete true once the recording's file is completely written (it will not grow)
     */
    GrowingFile(Path path, BooleanSupplier complete) {
        this.path = path;
        this.complete = complete;
        this.opaque = new Pointer() {
            {
                address = id;
            }
        };
        OPEN.put(id, this);
    }

    static Read_packet_Pointer_BytePointer_int callback() {
        return READ;
    }

    Pointer opaque() {
        return opaque;
    }

    Path path() {
        return path;
    }

    /** True while a read waits for the file to grow: every byte written so far has been read. */
    boolean starved() {
        return starved;
    }

    /** True when reading stopped on an I/O error rather than at the end of a completed file. */
    boolean failed() {
        return failed;
    }

    /** Makes a waiting read end the stream now. */
    void cancel() {
        cancelled = true;
    }

    private int read(BytePointer buf, int size) {
        try {
            while (!cancelled) {
                if (channel == null) {
                    channel = openIfPresent();
                }
                // Ask whether the file is complete before reading: bytes written before it
                // completed are then sure to be seen by the read that follows.
                boolean done = complete.getAsBoolean();
                if (channel != null) {
                    ByteBuffer target = buf.position(0).capacity(size).asByteBuffer();
                    int n = channel.read(target, position);
                    if (n > 0) {
                        position += n;
                        starved = false;
                        return n;
                    }
                }
                if (done) {
                    starved = false;
                    return AVERROR_EOF;
                }
                starved = true;
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failed = true;
        }
        starved = false;
        return AVERROR_EOF;
    }

    private FileChannel openIfPresent() throws IOException {
        if (!Files.exists(path)) {
            return null;
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() {
        OPEN.remove(id);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Read-only; nothing to lose.
            }
        }
    }
}
