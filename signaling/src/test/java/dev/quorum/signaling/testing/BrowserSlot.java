package dev.quorum.signaling.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Lets the browsers of one test JVM run at a time on this machine. The build runs test JVMs side by
 * side; two of them each driving several Chromium tabs over real media starve each other on a
 * small machine until media stalls and signaling times out, which fails tests for reasons that
 * are not theirs. The slot is a lock on a file shared by every test JVM; within one JVM it is
 * counted, so a class may run several browsers at once.
 */
final class BrowserSlot {

    private static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "quorum-browser-tests.lock");
    /** After this, run anyway: a stuck holder must not stop the rest of the build. */
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    private static int holders;
    private static FileChannel channel;
    private static FileLock lock;

    private BrowserSlot() {}

    static synchronized void acquire() {
        if (holders++ > 0) {
            return;
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            channel = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while ((lock = channel.tryLock()) == null && System.nanoTime() < deadline) {
                Thread.sleep(200); // another JVM's browsers are running; its lock is released on close or exit
            }
        } catch (IOException e) {
            // Without the file the browsers still run, only not one JVM at a time.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static synchronized void release() {
        if (holders == 0 || --holders > 0) {
            return;
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing the channel releases the lock; the JVM's exit would too
        } finally {
            lock = null;
            channel = null;
        }
    }
}
