package dev.quorum.recorder.mkv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access byte reads over a file through one reused window, for scanning large files. */
final class FileWindow {

    private static final int WINDOW = 64 * 1024;

    private final FileChannel channel;
    private final long length;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart = -1;
    private int windowLength;

    FileWindow(FileChannel channel) throws IOException {
        this.channel = channel;
        this.length = channel.size();
    }

    long length() {
        return length;
    }

    /** The byte at {@code pos} (0..255), or -1 past the end of the file. */
    int byteAt(long pos) throws IOException {
        if (pos < 0 || pos >= length) {
            return -1;
        }
        if (windowStart < 0 || pos < windowStart || pos >= windowStart + windowLength) {
            window.clear();
            windowStart = pos;
            int n = 0;
            while (window.hasRemaining()) {
                int r = channel.read(window, pos + window.position());
                if (r < 0) {
                    break;
                }
                n += r;
            }
            windowLength = n;
            if (n == 0) {
                return -1;
            }
        }
        return window.get((int) (pos - windowStart)) & 0xFF;
    }

    /** Big-endian unsigned integer of {@code n} bytes at {@code pos}, or -1 if it runs past the end. */
    long uint(long pos, int n) throws IOException {
        if (pos + n > length) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | byteAt(pos + i);
        }
        return v;
    }
}
