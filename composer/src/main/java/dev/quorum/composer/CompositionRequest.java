package dev.quorum.composer;

import dev.quorum.composer.layout.VideoLayout;
import dev.quorum.composer.layout.VideoLayoutParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a composition asks for, independent of any stored row: the layout, the audio selection,
 * the output size and format, and whether gaps are trimmed.
 *
 * @param videoLayout          empty for an audio-only composition
 * @param audioSources         empty for a video-only composition
 * @param audioSourcesExcluded subtracted from {@code audioSources}
 */
public record CompositionRequest(
        VideoLayout videoLayout,
        List<SourceSelector> audioSources,
        List<SourceSelector> audioSourcesExcluded,
        Resolution resolution,
        OutputFormat format,
        boolean trim) {

    public CompositionRequest {
        Objects.requireNonNull(videoLayout, "videoLayout");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(format, "format");
        audioSources = List.copyOf(audioSources);
        audioSourcesExcluded = List.copyOf(audioSourcesExcluded);
    }

    /**
     * Validates the REST parameters of a composition or composition hook and builds the request.
     * This is the check to run before accepting the POST; it needs no recordings. Null stands for
     * an absent parameter and takes the documented default (640x480, webm, trim on).
     *
     * @throws InvalidCompositionException listing every problem found
     */
    public static CompositionRequest parse(String videoLayout, List<String> audioSources,
                                           List<String> audioSourcesExcluded, String resolution,
                                           String format, Boolean trim) throws InvalidCompositionException {
        List<ValidationProblem> problems = new ArrayList<>();
        Resolution res = Resolution.DEFAULT;
        try {
            res = Resolution.parse(resolution);
        } catch (InvalidCompositionException e) {
            problems.addAll(e.problems());
        }
        OutputFormat fmt = OutputFormat.DEFAULT;
        try {
            fmt = OutputFormat.parse(format);
        } catch (InvalidCompositionException e) {
            problems.addAll(e.problems());
        }
        VideoLayout layout = VideoLayout.empty();
        try {
            layout = VideoLayoutParser.parse(videoLayout);
            if (problems.stream().noneMatch(p -> p.parameter().equals("Resolution"))) {
                problems.addAll(layout.validate(res));
            }
        } catch (InvalidCompositionException e) {
            problems.addAll(e.problems());
        }
        List<SourceSelector> audio = selectors("AudioSources", audioSources, problems);
        List<SourceSelector> excluded = selectors("AudioSourcesExcluded", audioSourcesExcluded, problems);
        boolean layoutGiven = videoLayout != null && !videoLayout.isBlank();
        if (audio.isEmpty() && layout.isEmpty() && problems.stream().noneMatch(p -> p.parameter().equals("VideoLayout"))) {
            problems.add(ValidationProblem.of(layoutGiven ? "VideoLayout" : "AudioSources",
                    "A composition needs a VideoLayout with at least one region or at least one AudioSources entry"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCompositionException(problems);
        }
        return new CompositionRequest(layout, audio, excluded, res, fmt, trim == null || trim);
    }

    private static List<SourceSelector> selectors(String parameter, List<String> texts, List<ValidationProblem> problems) {
        List<SourceSelector> out = new ArrayList<>();
        if (texts == null) {
            return out;
        }
        for (String t : texts) {
            try {
                out.add(SourceSelector.parse(t));
            } catch (IllegalArgumentException e) {
                problems.add(ValidationProblem.of(parameter, parameter + ": " + e.getMessage()));
            }
        }
        return out;
    }

    /** True if {@code s} is an audio recording this request mixes. */
    public boolean mixes(SourceRecording s) {
        if (s.kind() != dev.quorum.sfu.api.TrackKind.AUDIO) {
            return false;
        }
        return audioSources.stream().anyMatch(sel -> sel.matches(s))
                && audioSourcesExcluded.stream().noneMatch(sel -> sel.matches(s));
    }

    /** The audio selectors as the REST API echoes them. */
    public List<String> audioSourceTexts() {
        return audioSources.stream().map(SourceSelector::text).toList();
    }

    /** The excluded audio selectors as the REST API echoes them. */
    public List<String> audioSourcesExcludedTexts() {
        return audioSourcesExcluded.stream().map(SourceSelector::text).toList();
    }
}
