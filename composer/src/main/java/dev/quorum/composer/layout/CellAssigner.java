package dev.quorum.composer.layout;

import dev.quorum.composer.SourceRecording;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides which source shows in which cell of one region, and when.
 *
 * <p>Sources take cells in the order their media starts, scanning cells left to right, top to
 * bottom and skipping excluded ones. A cell is fresh (never used), used (showing a source) or idle
 * (its source ended). The reuse policy decides what happens when a cell frees up or runs out:
 * {@link Reuse#NONE} never reuses a cell, {@link Reuse#SHOW_OLDEST} lets waiting sources take
 * idle cells before newcomers, and {@link Reuse#SHOW_NEWEST} lets a newcomer take over the used
 * cell whose source ends first. At one instant, sources that end leave before sources that start
 * arrive.
 */
public final class CellAssigner {

    /** Start order: media start, then recording SID so equal starts place deterministically. */
    public static final Comparator<SourceRecording> START_ORDER =
            Comparator.comparingLong(SourceRecording::offsetMs).thenComparing(SourceRecording::recordingSid);

    private CellAssigner() {}

    /**
     * The largest number of {@code sources} active at one instant; with {@link Reuse#NONE}, the
     * number of sources (every source needs a fresh cell).
     */
    public static int simultaneous(List<SourceRecording> sources, Reuse reuse) {
        return simultaneous(sources, reuse, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** {@link #simultaneous(List, Reuse)} counting only the time in [{@code fromMs}, {@code toMs}). */
    public static int simultaneous(List<SourceRecording> sources, Reuse reuse, long fromMs, long toMs) {
        Window w = new Window(fromMs, toMs);
        List<SourceRecording> live = sources.stream().filter(w::holds).toList();
        if (reuse == Reuse.NONE) {
            return live.size();
        }
        List<long[]> edges = new ArrayList<>();
        for (SourceRecording s : live) {
            edges.add(new long[] {w.start(s), +1});
            edges.add(new long[] {w.end(s), -1});
        }
        // Ends (-1) sort before starts (+1) at the same instant.
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int max = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            max = Math.max(max, now);
        }
        return max;
    }

    /**
     * Assigns cells.
     *
     * @param usableCells the cells sources may take, in scan order
     * @param sources     the region's sources, any order
     * @return every tenure, in the order they begin
     */
    public static List<Tenure> assign(List<Integer> usableCells, Reuse reuse, List<SourceRecording> sources) {
        return assign(usableCells, reuse, sources, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * {@link #assign(List, Reuse, List)} for a layout in force in [{@code fromMs}, {@code toMs}):
     * sources already active at {@code fromMs} arrive then, in their start order, and every
     * tenure ends by {@code toMs}.
     */
    public static List<Tenure> assign(
            List<Integer> usableCells, Reuse reuse, List<SourceRecording> sources, long fromMs, long toMs) {
        return new Run(usableCells, reuse, new Window(fromMs, toMs)).play(sources);
    }

    /** The part of the room clock a layout is in force; sources count only within it. */
    private record Window(long fromMs, long toMs) {

        long start(SourceRecording s) {
            return Math.max(s.offsetMs(), fromMs);
        }

        long end(SourceRecording s) {
            return Math.min(s.endMs(), toMs);
        }

        boolean holds(SourceRecording s) {
            return end(s) > start(s);
        }
    }

    private static final class Run {
        private final Reuse reuse;
        private final Window window;
        private final List<Integer> cells;
        /** Source holding each cell now; absent when fresh or idle. */
        private final Map<Integer, SourceRecording> holder = new HashMap<>();

        private final Map<Integer, Long> heldSince = new HashMap<>();
        private final TreeSet<Integer> fresh = new TreeSet<>();
        private final TreeSet<Integer> idle = new TreeSet<>();
        /** Active sources without a cell, in start order. */
        private final List<SourceRecording> waiting = new ArrayList<>();

        private final List<Tenure> tenures = new ArrayList<>();

        Run(List<Integer> cells, Reuse reuse, Window window) {
            this.cells = cells;
            this.reuse = reuse;
            this.window = window;
            fresh.addAll(cells);
        }

        List<Tenure> play(List<SourceRecording> sources) {
            List<SourceRecording> ordered =
                    sources.stream().filter(window::holds).sorted(START_ORDER).toList();
            TreeSet<Long> instants = new TreeSet<>();
            for (SourceRecording s : ordered) {
                instants.add(window.start(s));
                instants.add(window.end(s));
            }
            for (long t : instants) {
                endAt(t, ordered);
                List<SourceRecording> starting =
                        ordered.stream().filter(s -> window.start(s) == t).toList();
                if (reuse == Reuse.SHOW_OLDEST) {
                    fillFromWaiting(t);
                }
                for (SourceRecording s : starting) {
                    arrive(s, t);
                }
                if (reuse == Reuse.SHOW_NEWEST) {
                    fillFromWaiting(t);
                }
            }
            tenures.sort(Comparator.comparingLong(Tenure::fromMs).thenComparingInt(Tenure::cell));
            return tenures;
        }

        private void endAt(long t, List<SourceRecording> ordered) {
            for (SourceRecording s : ordered) {
                if (window.end(s) != t) {
                    continue;
                }
                waiting.remove(s);
                Integer cell = cellOf(s);
                if (cell != null) {
                    release(cell, t);
                    if (reuse != Reuse.NONE) {
                        idle.add(cell);
                    }
                }
            }
        }

        private void arrive(SourceRecording s, long t) {
            Integer cell = freeCell();
            if (cell != null) {
                take(cell, s, t);
                return;
            }
            if (reuse == Reuse.SHOW_NEWEST && !holder.isEmpty()) {
                int victimCell = holder.entrySet().stream()
                        .min(Comparator.<Map.Entry<Integer, SourceRecording>>comparingLong(
                                        e -> window.end(e.getValue()))
                                .thenComparingInt(e -> cells.indexOf(e.getKey())))
                        .orElseThrow()
                        .getKey();
                SourceRecording displaced = holder.get(victimCell);
                release(victimCell, t);
                waiting.add(displaced);
                take(victimCell, s, t);
                return;
            }
            if (reuse != Reuse.NONE) {
                waiting.add(s);
            }
        }

        /** Gives free cells to waiting sources: oldest first, or newest first under show_newest. */
        private void fillFromWaiting(long t) {
            waiting.sort(reuse == Reuse.SHOW_NEWEST ? START_ORDER.reversed() : START_ORDER);
            while (!waiting.isEmpty()) {
                Integer cell = freeCell();
                if (cell == null) {
                    return;
                }
                take(cell, waiting.remove(0), t);
            }
        }

        /** The first fresh or idle cell in scan order (only fresh ones under {@link Reuse#NONE}). */
        private Integer freeCell() {
            for (Integer c : cells) {
                if (fresh.contains(c) || (reuse != Reuse.NONE && idle.contains(c))) {
                    return c;
                }
            }
            return null;
        }

        private void take(int cell, SourceRecording s, long t) {
            fresh.remove(cell);
            idle.remove(cell);
            holder.put(cell, s);
            heldSince.put(cell, t);
        }

        private void release(int cell, long t) {
            SourceRecording s = holder.remove(cell);
            long since = heldSince.remove(cell);
            if (t > since) {
                tenures.add(new Tenure(s, cell, since, t));
            }
        }

        private Integer cellOf(SourceRecording s) {
            for (Map.Entry<Integer, SourceRecording> e : holder.entrySet()) {
                if (e.getValue() == s) {
                    return e.getKey();
                }
            }
            return null;
        }
    }
}
