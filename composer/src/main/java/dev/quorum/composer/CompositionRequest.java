package dev.quorum.composer;

import dev.quorum.composer.layout.Layout;
import dev.quorum.composer.layout.LayoutTimeline;
import dev.quorum.composer.layout.VideoLayout;
import dev.quorum.composer.layout.VideoLayoutParser;
import dev.quorum.composer.timeline.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a composition asks for, independent of any stored row: the layouts over time, the audio
 * selection, the output size and format, whether gaps are trimmed, and how the video encoder
 * spends bits.
 *
 * @param layouts              the first layout and its later changes; an empty first layout and
 *                             no change make an audio-only composition
 * @param audioSources         empty for a video-only composition
 * @param audioSourcesExcluded subtracted from {@code audioSources}
 * @param rateControl          {@link RateControl#AUTO} unless an archive asked otherwise; a
 *                             constant QP needs {@link OutputFormat#MP4}
 * @param window               the stretch of the room clock the output covers exactly (an
 *                             archive's start to stop), or null: from the first selected media
 *                             on, trimmed or not. A window cannot be trimmed
 */
public record CompositionRequest(
        LayoutTimeline layouts,
        List<SourceSelector> audioSources,
        List<SourceSelector> audioSourcesExcluded,
        Resolution resolution,
        OutputFormat format,
        boolean trim,
        RateControl rateControl,
        Window window) {

    public CompositionRequest {
        Objects.requireNonNull(layouts, "layouts");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(format, "format");
        audioSources = List.copyOf(audioSources);
        audioSourcesExcluded = List.copyOf(audioSourcesExcluded);
        rateControl = rateControl == null ? RateControl.AUTO : rateControl;
        if (rateControl.mode() == RateControl.Mode.CONSTANT_QP && format != OutputFormat.MP4) {
            throw new IllegalArgumentException("a constant QP needs the mp4 format (H.264)");
        }
        if (window != null && trim) {
            throw new IllegalArgumentException("a composition of a window keeps all of it: it cannot be trimmed");
        }
    }

    /** A request over the room's media (no window). */
    public CompositionRequest(
            LayoutTimeline layouts,
            List<SourceSelector> audioSources,
            List<SourceSelector> audioSourcesExcluded,
            Resolution resolution,
            OutputFormat format,
            boolean trim,
            RateControl rateControl) {
        this(layouts, audioSources, audioSourcesExcluded, resolution, format, trim, rateControl, null);
    }

    /** A request with one VideoLayout for the whole composition and the composer's own rate control. */
    public CompositionRequest(
            VideoLayout videoLayout,
            List<SourceSelector> audioSources,
            List<SourceSelector> audioSourcesExcluded,
            Resolution resolution,
            OutputFormat format,
            boolean trim) {
        this(
                LayoutTimeline.of(videoLayout),
                audioSources,
                audioSourcesExcluded,
                resolution,
                format,
                trim,
                RateControl.AUTO);
    }

    /**
     * Validates the REST parameters of a composition or composition hook and builds the request.
     * This is the check to run before accepting the POST; it needs no recordings. Null stands for
     * an absent parameter and takes the documented default (640x480, webm, trim on). The layout
     * must be a VideoLayout of regions.
     *
     * @throws InvalidCompositionException listing every problem found
     */
    public static CompositionRequest parse(
            String videoLayout,
            List<String> audioSources,
            List<String> audioSourcesExcluded,
            String resolution,
            String format,
            Boolean trim)
            throws InvalidCompositionException {
        return parse(videoLayout, List.of(), false, audioSources, audioSourcesExcluded, resolution, format, trim, null);
    }

    /**
     * Reads a stored composition: the first layout's JSON in either form ({@link Layout#parse}),
     * its later changes, and the stored rate control ({@link RateControl#wireForm}); otherwise as
     * {@link #parse(String, List, List, String, String, Boolean)}.
     *
     * @throws InvalidCompositionException listing every problem found
     */
    public static CompositionRequest parseStored(
            String layoutJson,
            List<LayoutTimeline.Change> changes,
            List<String> audioSources,
            List<String> audioSourcesExcluded,
            String resolution,
            String format,
            Boolean trim,
            String rateControl)
            throws InvalidCompositionException {
        return parse(
                layoutJson, changes, true, audioSources, audioSourcesExcluded, resolution, format, trim, rateControl);
    }

    private static CompositionRequest parse(
            String layoutJson,
            List<LayoutTimeline.Change> changes,
            boolean anyLayout,
            List<String> audioSources,
            List<String> audioSourcesExcluded,
            String resolution,
            String format,
            Boolean trim,
            String rateControl)
            throws InvalidCompositionException {
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
        LayoutTimeline layouts = LayoutTimeline.of(VideoLayout.empty());
        boolean layoutFailed = false;
        try {
            layouts = anyLayout
                    ? LayoutTimeline.parse(layoutJson, changes)
                    : LayoutTimeline.of(VideoLayoutParser.parse(layoutJson));
            if (problems.stream().noneMatch(p -> p.parameter().equals("Resolution"))) {
                problems.addAll(layouts.validate(res));
            }
        } catch (InvalidCompositionException e) {
            layoutFailed = true;
            problems.addAll(e.problems());
        }
        RateControl rate = RateControl.AUTO;
        try {
            rate = RateControl.parse(rateControl);
            if (rate.mode() == RateControl.Mode.CONSTANT_QP && fmt != OutputFormat.MP4) {
                problems.add(ValidationProblem.of(
                        "quantizationParameter", "A constant quantizationParameter needs the mp4 format (H.264)"));
                rate = RateControl.AUTO;
            }
        } catch (IllegalArgumentException e) {
            problems.add(ValidationProblem.of("quantizationParameter", e.getMessage()));
        }
        List<SourceSelector> audio = selectors("AudioSources", audioSources, problems);
        List<SourceSelector> excluded = selectors("AudioSourcesExcluded", audioSourcesExcluded, problems);
        boolean layoutGiven = layoutJson != null && !layoutJson.isBlank();
        if (audio.isEmpty() && !layouts.hasVideo() && !layoutFailed) {
            problems.add(ValidationProblem.of(
                    layoutGiven ? "VideoLayout" : "AudioSources",
                    "A composition needs a VideoLayout with at least one region or at least one AudioSources entry"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCompositionException(problems);
        }
        return new CompositionRequest(layouts, audio, excluded, res, fmt, trim == null || trim, rate);
    }

    /** This request covering exactly {@code w} of the room clock; null for none. */
    public CompositionRequest within(Window w) {
        return new CompositionRequest(
                layouts, audioSources, audioSourcesExcluded, resolution, format, trim, rateControl, w);
    }

    /**
     * The layout the Compositions API shows: the first layout when it is a VideoLayout, else the
     * empty one.
     */
    public VideoLayout videoLayout() {
        return layouts.initial() instanceof VideoLayout v ? v : VideoLayout.empty();
    }

    /** True if some layout draws video, so the output has a video stream. */
    public boolean hasVideo() {
        return layouts.hasVideo();
    }

    private static List<SourceSelector> selectors(
            String parameter, List<String> texts, List<ValidationProblem> problems) {
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
