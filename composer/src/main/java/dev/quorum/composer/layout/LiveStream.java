package dev.quorum.composer.layout;

import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.VideoType;
import java.util.List;

/**
 * A video stream sending at some instant, as stream prioritisation sees it.
 *
 * @param source     the recording of the stream covering the instant
 * @param classes    its layout classes at the instant
 * @param joinedAtMs when it joined the composition's streams: its first recording's start
 */
public record LiveStream(SourceRecording source, List<String> classes, long joinedAtMs) {

    public LiveStream {
        classes = List.copyOf(classes);
    }

    public String streamId() {
        return source.streamId();
    }

    public boolean isScreen() {
        return source.videoType() == VideoType.SCREEN;
    }

    /** This stream with other classes (a screen share taking the focus, say). */
    LiveStream withClasses(List<String> other) {
        return new LiveStream(source, other, joinedAtMs);
    }
}
