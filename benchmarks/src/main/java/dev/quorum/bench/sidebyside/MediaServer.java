package dev.quorum.bench.sidebyside;

import dev.quorum.signaling.testing.Chromium;

/**
 * A server under comparison, started as a child process, and how its participants join a room:
 * from the browser's tabs, each publishing the camera and microphone and receiving every other
 * participant's ({@link #join}), or one publisher and one viewer, each in a browser of its own
 * behind an impaired link ({@link #publish}, {@link #watch}).
 */
interface MediaServer extends AutoCloseable {

    String name();

    /** The process whose CPU time and memory are measured. */
    long pid();

    /** Opens tabs {@code 0..participants-1} and joins each to one room. */
    void join(Browser browser, int participants, Video video);

    /** The origin of the participants' page, which a browser must treat as secure for its camera. */
    String origin();

    /**
     * Joins {@code browser}'s page to the room as its one publisher of the camera and microphone,
     * simulcast in three layers (full, half and quarter size) if asked; returns what {@link #watch}
     * needs to receive it.
     */
    Object publish(Chromium browser, Video video, boolean simulcast);

    /** Joins {@code browser}'s page to the room receiving {@code publisher}'s streams only. */
    void watch(Chromium browser, Object publisher);

    /** Stops the process (and waits for it to exit). */
    @Override
    void close();
}
