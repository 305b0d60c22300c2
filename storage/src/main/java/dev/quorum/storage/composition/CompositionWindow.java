package dev.quorum.storage.composition;

/**
 * The stretch of the room clock (ms since the Unix epoch) a composition covers, start inclusive,
 * end exclusive. A composition with a window is ready once the window has closed — which it has
 * when it is stored — rather than once its room has ended.
 */
public record CompositionWindow(long startMs, long endMs) {

    public CompositionWindow {
        if (endMs < startMs) {
            throw new IllegalArgumentException(
                    "a composition window ends before it starts: " + startMs + " > " + endMs);
        }
    }

    public long durationMs() {
        return endMs - startMs;
    }
}
