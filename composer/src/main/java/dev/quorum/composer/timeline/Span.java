package dev.quorum.composer.timeline;

/**
 * A stretch of the room clock kept in the output: room ms [{@code roomStartMs}, {@code roomEndMs})
 * plays at output ms {@code outputStartMs} onwards.
 */
public record Span(long roomStartMs, long roomEndMs, long outputStartMs) {

    public long lengthMs() {
        return roomEndMs - roomStartMs;
    }

    public long outputEndMs() {
        return outputStartMs + lengthMs();
    }
}
