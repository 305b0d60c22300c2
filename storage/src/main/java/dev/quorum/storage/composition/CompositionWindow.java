package dev.quorum.storage.composition;

/**
 * The stretch of the room clock (ms since the Unix epoch) a composition covers, start inclusive,
 * end exclusive. A composition with a window is ready once the window has closed rather than once
 * its room has ended. A window still {@linkplain #open() open} (a running archive's) has a start
 * only; it is closed, with its end, when the archive stops.
 */
public record CompositionWindow(long startMs, long endMs) {

    /** The end of a window that has not closed yet. */
    public static final long OPEN = Long.MAX_VALUE;

    public CompositionWindow {
        if (endMs < startMs) {
            throw new IllegalArgumentException(
                    "a composition window ends before it starts: " + startMs + " > " + endMs);
        }
    }

    /** A window from {@code startMs} whose end is not known yet. */
    public static CompositionWindow open(long startMs) {
        return new CompositionWindow(startMs, OPEN);
    }

    public boolean isOpen() {
        return endMs == OPEN;
    }

    /** The window's length; {@link #OPEN} while it is open. */
    public long durationMs() {
        return isOpen() ? OPEN : endMs - startMs;
    }
}
