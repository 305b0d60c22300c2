package dev.quorum.signaling.testing;

import dev.quorum.rtp.testing.MachineLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Lets the browsers of one test JVM run at a time on this machine. The build runs test JVMs side by
 * side; two of them each driving several Chromium tabs over real media starve each other on a
 * small machine until media stalls and signaling times out, which fails tests for reasons that
 * are not theirs. The slot is a {@link MachineLock} of its own, held exclusively; within one
 * JVM it is counted, so a class may run several browsers at once.
 */
final class BrowserSlot {

    private static final MachineLock LOCK = new MachineLock(Path.of(System.getProperty("java.io.tmpdir")), "browsers");
    /** After this, run anyway: a stuck holder must not stop the rest of the build. */
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    private static int holders;
    private static MachineLock.Hold hold;

    private BrowserSlot() {}

    static synchronized void acquire() {
        if (holders++ > 0) {
            return;
        }
        try {
            hold = LOCK.acquire(true, PATIENCE);
        } catch (IOException e) {
            // Without the file the browsers still run, only not one JVM at a time.
        }
    }

    static synchronized void release() {
        if (holders == 0 || --holders > 0) {
            return;
        }
        try {
            if (hold != null) {
                hold.close();
            }
        } catch (IOException ignored) {
            // the JVM's exit releases the lock too
        } finally {
            hold = null;
        }
    }
}
