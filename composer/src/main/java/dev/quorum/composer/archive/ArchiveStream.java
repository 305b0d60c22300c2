package dev.quorum.composer.archive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One recorded file of an individual-stream archive.
 *
 * @param file           the recording on local disk
 * @param streamId       the stream the file belongs to; files of one stream share it
 * @param extension      {@code mka}, {@code mkv} or {@code webm}, without the dot
 * @param startMs        wall-clock time of the file's first frame, ms since the Unix epoch
 * @param stopMs         wall-clock time of its end, ms since the Unix epoch
 * @param videoType      {@code camera}, {@code screen} or {@code custom}; null for audio
 * @param connectionData the publishing client's connection data, or null
 */
public record ArchiveStream(
        Path file,
        String streamId,
        String extension,
        long startMs,
        long stopMs,
        String videoType,
        String connectionData) {

    public ArchiveStream {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(extension, "extension");
        if (stopMs < startMs) {
            throw new IllegalArgumentException("stream " + streamId + " stops before it starts");
        }
        if (!streamId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("stream id '" + streamId + "' is not usable as a file name");
        }
    }
}
