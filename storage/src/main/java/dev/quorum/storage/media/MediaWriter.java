package dev.quorum.storage.media;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A media file being written. Writes go to {@link #channel()}; {@link #sync()} makes what was
 * written durable (a crash after it loses nothing before it); {@link #commit()} syncs and closes.
 * Closing without committing keeps what was written (a partial recording is still media);
 * {@link #abort()} deletes it.
 */
public interface MediaWriter extends Closeable {

    String key();

    /** The channel to write through, positioned at the end of the file. */
    FileChannel channel();

    /** The local file being written (for tools that want a path, e.g. FFmpeg). */
    Path path();

    /** Forces written data and the file's directory entry to disk. */
    void sync() throws IOException;

    /** Syncs and closes; returns the file's size in bytes. */
    long commit() throws IOException;

    /** Closes and deletes the file. */
    void abort() throws IOException;
}
