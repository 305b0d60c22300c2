package dev.quorum.bench.sidebyside;

/**
 * A server under comparison, started as a child process, and how its participants join a room
 * from the browser's tabs: each publishes the camera and microphone and receives every other
 * participant's.
 */
interface MediaServer extends AutoCloseable {

    String name();

    /** The process whose CPU time and memory are measured. */
    long pid();

    /** Opens tabs {@code 0..participants-1} and joins each to one room. */
    void join(Browser browser, int participants, Video video);

    /** Stops the process (and waits for it to exit). */
    @Override
    void close();
}
