package dev.quorum.rtp.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A readers–writer lock shared by the processes of one machine, on two files of a directory:
 * readers hold the machine file shared, a writer holds it exclusively. A writer first takes the
 * turnstile file, which readers pass through before they take their shared lock, so a waiting
 * writer is not starved by readers that keep arriving. Within one process a lock is held once
 * (file locks belong to the process): {@link MachineShare} counts its holders itself.
 */
public final class MachineLock {

    private static final long POLL_MS = 50;

    private final Path machine;
    private final Path turnstile;

    /** The machine's lock for test classes ({@link MachineShare}). */
    public MachineLock(Path dir) {
        this(dir, "machine");
    }

    /** A lock of its own, for another resource the test JVMs take turns at (the browsers). */
    public MachineLock(Path dir, String name) {
        this.machine = dir.resolve("quorum-tests-" + name + ".lock");
        this.turnstile = dir.resolve("quorum-tests-" + name + "-turnstile.lock");
    }

    /**
     * Takes the lock, exclusively when {@code alone}. Waits at most {@code patience}; then returns a
     * hold that holds nothing ({@link Hold#held()} false), so a stuck holder elsewhere cannot stop
     * the caller for good.
     */
    public Hold acquire(boolean alone, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        FileChannel channel = open(machine);
        FileLock lock;
        try (FileChannel gate = open(turnstile)) {
            FileLock entry = take(gate, false, deadline);
            try {
                // A reader passes straight through; a writer keeps the turnstile closed until it
                // holds the machine, so readers arriving meanwhile wait behind it.
                if (!alone && entry != null) {
                    entry.release();
                    entry = null;
                }
                lock = take(channel, !alone, deadline);
            } finally {
                if (entry != null) {
                    entry.release();
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new Hold(channel, lock);
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Polls for the lock until the deadline: {@code null} if it never came. */
    private static FileLock take(FileChannel channel, boolean shared, long deadline) throws IOException {
        while (true) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() >= deadline) {
                return null;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** A taken lock ({@code lock} null if the patience ran out); closing it lets the other processes in. */
    public record Hold(FileChannel channel, FileLock lock) implements AutoCloseable {

        /** False when the patience ran out and the caller runs without the lock. */
        public boolean held() {
            return lock != null;
        }

        @Override
        public void close() throws IOException {
            channel.close(); // releases the lock with it
        }
    }

    /**
     * Holds the lock in a process of its own until its standard input closes: {@code MachineLock
     * <dir> shared|alone}. Prints {@code held} once it holds it. For the tests of the lock itself.
     */
    public static void main(String[] args) throws IOException {
        try (Hold hold = new MachineLock(Path.of(args[0])).acquire(args[1].equals("alone"), Duration.ofMinutes(1))) {
            System.out.println(hold.held() ? "held" : "gave up");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
