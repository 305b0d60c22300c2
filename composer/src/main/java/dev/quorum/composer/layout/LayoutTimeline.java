package dev.quorum.composer.layout;

import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.ValidationProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The layouts of a composition over time: a first layout in force from the start, then changes,
 * each in force from an instant on the room clock (ms since the Unix epoch, the clock recordings'
 * offsets use) until the next. A change made through an API carries the moment of the call, so
 * it shows in the output from the first frame at or after that moment. Changes are kept in time
 * order; of two at the same instant the later one given wins.
 */
public final class LayoutTimeline {

    /** The instant of the first entry: before any media. */
    public static final long FROM_START = Long.MIN_VALUE;

    /** A layout in force from {@code atMs} ({@link #FROM_START} for the first). */
    public record Entry(long atMs, Layout layout) {

        public Entry {
            Objects.requireNonNull(layout, "layout");
        }
    }

    /** A change as stored: its instant and its layout's JSON. */
    public record Change(long atMs, String layoutJson) {}

    private final List<Entry> entries;

    private LayoutTimeline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Just {@code initial}, for the whole composition. */
    public static LayoutTimeline of(Layout initial) {
        return new LayoutTimeline(List.of(new Entry(FROM_START, initial)));
    }

    /** This timeline with {@code layout} in force from {@code atMs}. */
    public LayoutTimeline with(long atMs, Layout layout) {
        if (atMs == FROM_START) {
            throw new IllegalArgumentException("a change needs an instant");
        }
        List<Entry> out = new ArrayList<>(entries);
        out.add(new Entry(atMs, layout));
        // Stable sort: equal instants keep the order given, so the later change wins.
        out.subList(1, out.size()).sort(Comparator.comparingLong(Entry::atMs));
        return new LayoutTimeline(out);
    }

    /**
     * Reads a stored timeline: the first layout's JSON (either form, {@link Layout#parse}) and the
     * changes in the order they were made.
     *
     * @throws InvalidCompositionException naming the layout at fault; a change's problems say when
     *                                     it was made
     */
    public static LayoutTimeline parse(String initialJson, List<Change> changes) throws InvalidCompositionException {
        LayoutTimeline t = of(Layout.parse(initialJson));
        for (Change c : changes) {
            try {
                t = t.with(c.atMs(), Layout.parse(c.layoutJson()));
            } catch (InvalidCompositionException e) {
                List<ValidationProblem> problems = e.problems().stream()
                        .map(p -> new ValidationProblem(
                                p.parameter(),
                                p.region(),
                                p.property(),
                                "layout change at " + c.atMs() + ": " + p.message()))
                        .toList();
                throw new InvalidCompositionException(problems);
            }
        }
        return t;
    }

    /** In time order; the first is {@link #FROM_START}. */
    public List<Entry> entries() {
        return entries;
    }

    public Layout initial() {
        return entries.get(0).layout();
    }

    /** The entries after the first, as stored. */
    public List<Change> changes() {
        return entries.subList(1, entries.size()).stream()
                .map(e -> new Change(e.atMs(), e.layout().json()))
                .toList();
    }

    /** The layout in force at {@code roomMs}. */
    public Layout at(long roomMs) {
        Layout in = initial();
        for (Entry e : entries) {
            if (e.atMs() > roomMs) {
                break;
            }
            in = e.layout();
        }
        return in;
    }

    /** True if some layout draws video, so the output has a video stream. */
    public boolean hasVideo() {
        return entries.stream().anyMatch(e -> !e.layout().isEmpty());
    }

    /** True if some layout may draw {@code s}. */
    public boolean selects(SourceRecording s) {
        return entries.stream().anyMatch(e -> e.layout().selects(s));
    }

    /** The problems of every layout on a canvas. */
    public List<ValidationProblem> validate(Resolution canvas) {
        List<ValidationProblem> out = new ArrayList<>();
        entries.forEach(e -> out.addAll(e.layout().validate(canvas)));
        return out;
    }

    /** Every region layout, for checks that concern regions. */
    public List<VideoLayout> videoLayouts() {
        return entries.stream()
                .map(Entry::layout)
                .filter(VideoLayout.class::isInstance)
                .map(VideoLayout.class::cast)
                .toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayoutTimeline t && entries.equals(t.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
