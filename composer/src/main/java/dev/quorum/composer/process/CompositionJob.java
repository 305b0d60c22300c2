package dev.quorum.composer.process;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.composer.layout.StreamClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One composition to run: the request, the room's recordings, the layout classes of its streams,
 * and where the file goes. A live job follows its room instead ({@code live}), and its recordings
 * are whatever the room holds as it runs.
 */
public record CompositionJob(
        CompositionRequest request,
        List<SourceRecording> recordings,
        Path output,
        StreamClasses streamClasses,
        LiveRoom live) {

    public CompositionJob {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(output, "output");
        recordings = List.copyOf(recordings);
        streamClasses = streamClasses == null ? StreamClasses.NONE : streamClasses;
    }

    /** A job composed after the fact. */
    public CompositionJob(
            CompositionRequest request, List<SourceRecording> recordings, Path output, StreamClasses streamClasses) {
        this(request, recordings, output, streamClasses, null);
    }

    /** A job whose streams carry no layout classes. */
    public CompositionJob(CompositionRequest request, List<SourceRecording> recordings, Path output) {
        this(request, recordings, output, StreamClasses.NONE, null);
    }

    /** A job that composes its room while it runs. */
    public static CompositionJob live(CompositionRequest request, LiveRoom room, Path output, StreamClasses classes) {
        return new CompositionJob(request, List.of(), output, classes, Objects.requireNonNull(room, "room"));
    }
}
