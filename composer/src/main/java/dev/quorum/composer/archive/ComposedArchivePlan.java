package dev.quorum.composer.archive;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.OutputFormat;
import dev.quorum.composer.RateControl;
import dev.quorum.composer.ValidationProblem;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.composer.layout.ArchiveLayout;
import dev.quorum.composer.layout.LayoutTimeline;
import dev.quorum.composer.timeline.Window;
import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.archive.ArchiveLayoutChange;
import dev.quorum.storage.composition.CompositionSpec;
import dev.quorum.storage.composition.CompositionWindow;
import dev.quorum.storage.composition.LayoutChange;
import java.util.ArrayList;
import java.util.List;

/**
 * What a composed archive is composed as: the composition that makes its MP4 from exactly its own
 * recording plan. While the archive runs the plan is provisional (its window open, its layout
 * timeline growing) and a live composition follows it; once it stops, the plan is final.
 *
 * <ul>
 *   <li>Its window: from the archive's {@code createdAt} (its first recorded media, else its start)
 *       to its stop, so the file lasts as the archive did; open while it runs.</li>
 *   <li>Its streams: the archive's recordings (the composition is made of them only), which the
 *       recording plan took — every stream in auto mode, the added ones from the moment they were
 *       added in manual mode, at most 16 videos and 50 audios at once.</li>
 *   <li>Its layout timeline: the start layout, then every change at the moment it was made; the
 *       streams' layout classes and video types over time come with the room and its streams.</li>
 *   <li>{@code hasVideo} false: no video stream (audio only); {@code hasAudio} false: no audio.</li>
 *   <li>MP4 at the archive's resolution; {@code maxBitrate} a constant bit rate,
 *       {@code quantizationParameter} (default 19) a constant QP.</li>
 * </ul>
 */
public final class ComposedArchivePlan {

    /** The composition to store for the archive. */
    public record Plan(CompositionSpec spec, CompositionWindow window, List<LayoutChange> changes) {

        public Plan {
            changes = List.copyOf(changes);
        }

        /** The request the composer will read from the stored composition. */
        public CompositionRequest request() throws InvalidCompositionException {
            CompositionRequest r = CompositionRequest.parseStored(
                    spec.videoLayoutJson(),
                    changes.stream()
                            .map(c -> new LayoutTimeline.Change(c.atMs(), c.layoutJson()))
                            .toList(),
                    spec.audioSources(),
                    spec.audioSourcesExcluded(),
                    spec.resolution(),
                    spec.format(),
                    spec.trim(),
                    spec.videoRateControl());
            long end = window.isOpen() ? window.startMs() + LiveRoom.OPEN_MS : window.endMs();
            return r.within(new Window(window.startMs(), end));
        }
    }

    private ComposedArchivePlan() {}

    /**
     * The plan of a composed archive: final once it has stopped; while it runs, its window is open
     * and its layout timeline holds the changes made so far. Its request then lasts
     * {@link LiveRoom#OPEN_MS}, as a recording still being written does.
     *
     * @param layouts the archive's layout timeline, entry 0 first
     * @throws InvalidCompositionException when a stored layout or setting no longer parses
     */
    public static Plan of(Archive a, List<ArchiveLayoutChange> layouts) throws InvalidCompositionException {
        if (!a.composed()) {
            throw new IllegalArgumentException("archive " + a.id() + " is not a composed archive");
        }
        String first = "{}";
        List<LayoutChange> changes = new ArrayList<>();
        if (a.hasVideo()) {
            first = canonical(layouts.isEmpty() ? a.layout() : layouts.get(0).layout());
            for (ArchiveLayoutChange c : layouts) {
                if (c.seq() > 0) {
                    changes.add(new LayoutChange(c.at().toEpochMilli(), canonical(c.layout())));
                }
            }
        }
        RateControl rate = RateControl.forArchive(a.maxBitrate(), a.quantizationParameter());
        CompositionSpec spec = new CompositionSpec(
                first,
                a.hasAudio() ? List.of("*") : List.of(),
                List.of(),
                a.resolution(),
                OutputFormat.MP4.wireName(),
                false,
                null,
                "POST",
                rate.wireForm());
        long start = a.createdAt().toEpochMilli();
        CompositionWindow window = a.dateStopped() == null
                ? CompositionWindow.open(start)
                : new CompositionWindow(start, Math.max(start, a.dateStopped().toEpochMilli()));
        Plan plan = new Plan(spec, window, changes);
        plan.request();
        return plan;
    }

    private static String canonical(String layoutJson) throws InvalidCompositionException {
        if (layoutJson == null) {
            return ArchiveLayout.bestFit().json();
        }
        try {
            return ArchiveLayout.parseJson(layoutJson).json();
        } catch (InvalidCompositionException e) {
            throw new InvalidCompositionException(e.problems().stream()
                    .map(p -> new ValidationProblem(p.parameter(), p.region(), p.property(), "stored " + p.message()))
                    .toList());
        }
    }
}
