package dev.quorum.composer.layout;

import dev.quorum.composer.SourceRecording;

/**
 * A source holding one cell of a region for a while, on the room clock in ms (start inclusive,
 * end exclusive).
 */
public record Tenure(SourceRecording source, int cell, long fromMs, long toMs) {

    public boolean covers(long roomMs) {
        return roomMs >= fromMs && roomMs < toMs;
    }
}
