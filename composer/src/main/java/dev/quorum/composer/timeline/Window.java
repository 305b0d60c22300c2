package dev.quorum.composer.timeline;

/**
 * A stretch of the room clock (ms since the Unix epoch, start inclusive, end exclusive) that a
 * composition covers exactly: an archive's time from its start to its stop. Media outside it is
 * left out; stretches inside it without media stay, black and silent.
 */
public record Window(long startMs, long endMs) {

    public Window {
        if (endMs < startMs) {
            throw new IllegalArgumentException("a window ends before it starts: " + startMs + " > " + endMs);
        }
    }

    public long durationMs() {
        return endMs - startMs;
    }

    /** True if [{@code fromMs}, {@code toMs}) has some moment inside the window. */
    public boolean overlaps(long fromMs, long toMs) {
        return fromMs < endMs && toMs > startMs;
    }
}
