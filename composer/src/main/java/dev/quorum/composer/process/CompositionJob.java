package dev.quorum.composer.process;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** One composition to run: the request, the room's recordings, and where the file goes. */
public record CompositionJob(CompositionRequest request, List<SourceRecording> recordings, Path output) {

    public CompositionJob {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(output, "output");
        recordings = List.copyOf(recordings);
    }
}
