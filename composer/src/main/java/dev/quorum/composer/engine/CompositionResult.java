package dev.quorum.composer.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished composition.
 *
 * @param durationMs  length of the output
 * @param sizeBytes   size of the file
 * @param bitrateKbps average bit rate of the file, kbit/s
 * @param warnings    sources skipped or partly damaged, in words for the user; empty when all
 *                    went well
 */
public record CompositionResult(
        Path file,
        long durationMs,
        long sizeBytes,
        long bitrateKbps,
        boolean hasVideo,
        boolean hasAudio,
        List<String> warnings) {

    public CompositionResult {
        warnings = List.copyOf(warnings);
    }
}
