package dev.quorum.composer;

import dev.quorum.composer.layout.VideoSchedule;
import dev.quorum.composer.timeline.Timeline;
import java.util.List;

/**
 * A request resolved against a room's recordings: the output timeline, who is drawn where and
 * when, and whose audio is mixed. Everything the engine needs; nothing decoded yet.
 *
 * @param videoSources the video recordings drawn at some time (the ones to decode)
 * @param audioSources the audio recordings mixed
 */
public record CompositionPlan(
        CompositionRequest request,
        Timeline timeline,
        VideoSchedule video,
        List<SourceRecording> videoSources,
        List<SourceRecording> audioSources) {

    public CompositionPlan {
        videoSources = List.copyOf(videoSources);
        audioSources = List.copyOf(audioSources);
    }

    /** True if the output has a video stream: some layout of the request draws video. */
    public boolean hasVideo() {
        return request.hasVideo();
    }

    /** True if the output has an audio stream: the request selects audio and some matched. */
    public boolean hasAudio() {
        return !audioSources.isEmpty();
    }

    public long durationMs() {
        return timeline.durationMs();
    }
}
