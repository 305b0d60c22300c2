package dev.quorum.composer;

import dev.quorum.composer.layout.Region;
import dev.quorum.composer.layout.StreamClasses;
import dev.quorum.composer.layout.VideoLayout;
import dev.quorum.composer.layout.VideoSchedule;
import dev.quorum.composer.timeline.Timeline;
import dev.quorum.composer.timeline.Window;
import dev.quorum.sfu.api.TrackKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a {@link CompositionRequest} against the recordings of its room.
 *
 * <p>Sources named by SID ({@code RT…}, {@code MT…}, {@code PA…}) must exist among the room's
 * recordings of the right kind, or the request is refused: a SID belongs to one room, so a miss is
 * a mistake. Names and wildcards that match nothing are allowed (a hook's layout names tracks that
 * a given room may not have), as long as the request as a whole selects something.
 */
public final class CompositionPlanner {

    private CompositionPlanner() {}

    /**
     * Checks a request against the room's recordings without planning it; for the REST layer
     * once the room's recordings are known.
     *
     * @throws InvalidCompositionException naming each unknown source, or the lack of any
     */
    public static void checkSources(CompositionRequest request, List<SourceRecording> recordings)
            throws InvalidCompositionException {
        List<ValidationProblem> problems = new ArrayList<>();
        if (recordings.isEmpty()) {
            throw new InvalidCompositionException(
                    ValidationProblem.of("RoomSid", "The room has no recordings to compose"));
        }
        for (VideoLayout layout : request.layouts().videoLayouts()) {
            for (Region r : layout.regions()) {
                for (SourceSelector sel : r.videoSources()) {
                    if (isSid(sel)
                            && recordings.stream().noneMatch(s -> s.kind() == TrackKind.VIDEO && sel.matches(s))) {
                        problems.add(new ValidationProblem(
                                "VideoLayout",
                                r.name(),
                                "video_sources",
                                "VideoLayout region '" + r.name() + "': video_sources names " + sel.text()
                                        + ", which is not a video recording of this room"));
                    }
                }
            }
        }
        for (SourceSelector sel : request.audioSources()) {
            if (isSid(sel) && recordings.stream().noneMatch(s -> s.kind() == TrackKind.AUDIO && sel.matches(s))) {
                problems.add(ValidationProblem.of(
                        "AudioSources",
                        "AudioSources names " + sel.text() + ", which is not an audio recording of this room"));
            }
        }
        if (problems.isEmpty()
                && selectedVideo(request, recordings).isEmpty()
                && selectedAudio(request, recordings).isEmpty()) {
            problems.add(ValidationProblem.of(
                    request.hasVideo() ? "VideoLayout" : "AudioSources",
                    "No recording of the room matches the VideoLayout or AudioSources of this composition"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCompositionException(problems);
        }
    }

    /**
     * Plans the composition of a room whose streams carry no layout classes.
     *
     * @throws InvalidCompositionException as {@link #checkSources}
     */
    public static CompositionPlan plan(CompositionRequest request, List<SourceRecording> recordings)
            throws InvalidCompositionException {
        return plan(request, recordings, StreamClasses.NONE);
    }

    /**
     * Plans the composition. With a {@linkplain CompositionRequest#window() window}, only the
     * recordings with media in it take part, and the output covers exactly the window.
     *
     * @param classes the layout classes of the room's streams over time (archive layouts use them)
     * @throws InvalidCompositionException as {@link #checkSources}
     */
    public static CompositionPlan plan(
            CompositionRequest request, List<SourceRecording> recordings, StreamClasses classes)
            throws InvalidCompositionException {
        Window window = request.window();
        if (window != null) {
            recordings = recordings.stream()
                    .filter(s -> window.overlaps(s.offsetMs(), s.endMs()))
                    .map(s -> heldToEnd(s, window))
                    .toList();
            if (window.durationMs() <= 0) {
                throw new InvalidCompositionException(
                        ValidationProblem.of("RoomSid", "The window this composition covers is empty"));
            }
        }
        checkSources(request, recordings);
        List<SourceRecording> video = selectedVideo(request, recordings);
        List<SourceRecording> audio = selectedAudio(request, recordings);
        Timeline timeline;
        if (window != null) {
            timeline = Timeline.of(window);
        } else {
            List<long[]> active = new ArrayList<>();
            video.forEach(s -> active.add(new long[] {s.offsetMs(), s.endMs()}));
            audio.forEach(s -> active.add(new long[] {s.offsetMs(), s.endMs()}));
            timeline = Timeline.of(active, request.trim());
        }
        if (timeline.durationMs() <= 0) {
            throw new InvalidCompositionException(ValidationProblem.of(
                    "RoomSid", "The recordings this composition selects hold no media (zero duration)"));
        }
        VideoSchedule schedule = VideoSchedule.build(request.layouts(), request.resolution(), video, classes);
        List<SourceRecording> shown = new ArrayList<>(schedule.shownSources());
        return new CompositionPlan(request, timeline, schedule, shown, audio);
    }

    /**
     * A video recording that ends less than {@link Window#HOLD_TO_END_MS} before the window's end
     * was cut by it (an archive's recordings stop with the archive; the last picture received was
     * taken a little before): its last picture stays up to the end instead of leaving a black tile.
     */
    private static SourceRecording heldToEnd(SourceRecording s, Window window) {
        long shortBy = window.endMs() - s.endMs();
        return s.kind() == TrackKind.VIDEO && shortBy > 0 && shortBy <= Window.HOLD_TO_END_MS
                ? s.until(window.endMs())
                : s;
    }

    private static List<SourceRecording> selectedVideo(CompositionRequest request, List<SourceRecording> recordings) {
        return recordings.stream().filter(request.layouts()::selects).toList();
    }

    private static List<SourceRecording> selectedAudio(CompositionRequest request, List<SourceRecording> recordings) {
        return recordings.stream().filter(request::mixes).toList();
    }

    private static boolean isSid(SourceSelector sel) {
        return sel.kind() == SourceSelector.Kind.RECORDING_SID
                || sel.kind() == SourceSelector.Kind.TRACK_SID
                || sel.kind() == SourceSelector.Kind.PARTICIPANT_SID;
    }
}
