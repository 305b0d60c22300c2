package dev.quorum.composer.layout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The layout classes of a room's video streams over time. Each change gives a stream its whole
 * class list from an instant on the room clock on; a stream no change names, or before its first
 * change, has no classes. Classes select streams in stylesheets and decide the upper tier of
 * stream prioritisation.
 */
public final class StreamClasses {

    public static final StreamClasses NONE = new StreamClasses(List.of());

    /**
     * From {@code atMs} (room clock) on, stream {@code streamId} ({@code MT…}) has exactly
     * {@code classes}.
     */
    public record Change(String streamId, long atMs, List<String> classes) {

        public Change {
            Objects.requireNonNull(streamId, "streamId");
            classes = classes.stream()
                    .filter(c -> c != null && !c.isBlank())
                    .distinct()
                    .toList();
        }
    }

    private final List<Change> changes;
    private final Map<String, List<Change>> byStream = new HashMap<>();

    private StreamClasses(List<Change> changes) {
        this.changes = List.copyOf(changes);
        for (Change c : this.changes) {
            byStream.computeIfAbsent(c.streamId(), k -> new ArrayList<>()).add(c);
        }
        // Stable: of two changes at one instant the later given wins.
        byStream.values().forEach(l -> l.sort(Comparator.comparingLong(Change::atMs)));
    }

    /** The changes in the order given (later ones win at equal instants). */
    public static StreamClasses of(List<Change> changes) {
        return changes.isEmpty() ? NONE : new StreamClasses(changes);
    }

    public List<Change> changes() {
        return changes;
    }

    /** The classes of {@code streamId} at {@code roomMs}. */
    public List<String> at(String streamId, long roomMs) {
        List<Change> mine = byStream.get(streamId);
        List<String> out = List.of();
        if (mine != null) {
            for (Change c : mine) {
                if (c.atMs() > roomMs) {
                    break;
                }
                out = c.classes();
            }
        }
        return out;
    }

    /** Adds the instants in [{@code fromMs}, {@code toMs}) at which some stream's classes change. */
    void instants(long fromMs, long toMs, Collection<Long> out) {
        for (Change c : changes) {
            if (c.atMs() >= fromMs && c.atMs() < toMs) {
                out.add(c.atMs());
            }
        }
    }
}
