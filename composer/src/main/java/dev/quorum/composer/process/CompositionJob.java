package dev.quorum.composer.process;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.StreamClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One composition to run: the request, the room's recordings, the layout classes of its streams,
 * and where the file goes.
 */
public record CompositionJob(
        CompositionRequest request, List<SourceRecording> recordings, Path output, StreamClasses streamClasses) {

    public CompositionJob {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(output, "output");
        recordings = List.copyOf(recordings);
        streamClasses = streamClasses == null ? StreamClasses.NONE : streamClasses;
    }

    /** A job whose streams carry no layout classes. */
    public CompositionJob(CompositionRequest request, List<SourceRecording> recordings, Path output) {
        this(request, recordings, output, StreamClasses.NONE);
    }
}
