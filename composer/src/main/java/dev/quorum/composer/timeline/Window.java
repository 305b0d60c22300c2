package dev.quorum.composer.timeline;

/**
 * A stretch of the room clock (ms since the Unix epoch, start inclusive, end exclusive) that a
 * composition covers exactly: an archive's time from its start to its stop. Media outside it is
 * left out; stretches inside it without media stay, black and silent, except that a picture whose
 * recording ends just before the window does is held to its end ({@link #HOLD_TO_END_MS}).
 */
public record Window(long startMs, long endMs) {

    /**
     * A video recording ending at most this long before the window's end keeps its last picture to
     * the end: media reaches the server a little after it is taken, so a recording stopped with the
     * window holds pictures up to slightly before its end.
     */
    public static final long HOLD_TO_END_MS = 1000;

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
