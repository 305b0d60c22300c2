package dev.quorum.storage.archive;

import java.time.Instant;

/**
 * A stream added by hand to a manual-mode archive, for the span from {@code dateAdded} to
 * {@code dateRemoved} (null while still included).
 */
public record ArchiveStreamSelection(
        String archiveId,
        String streamId,
        boolean hasAudio,
        boolean hasVideo,
        Instant dateAdded,
        Instant dateRemoved) {}
