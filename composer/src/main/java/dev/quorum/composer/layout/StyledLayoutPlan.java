package dev.quorum.composer.layout;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.css.Box;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link ArchiveLayout} applied to the room's video: at each instant, the streams sending are
 * ranked ({@link StreamPriority}), the shown ones become the {@code <stream>} elements of the
 * virtual document with their classes at that instant, and the stylesheet lays them out. The
 * result changes only when a recording starts or ends or a stream's classes change.
 *
 * <p>While a screen share is live, a layout with a {@code screenshareType} switches to it: with
 * {@code bestFit} only screen shares are shown; with a presentation type the first screen share
 * takes the {@code focus} (no other stream keeps it); with {@code pip} the first screen share
 * is full size and the next stream in rank is the small tile. The {@code pip} type shows the
 * first stream with class {@code full} and the first stream without it.
 */
final class StyledLayoutPlan implements LayoutPlan {

    private static final String FULL = "full";
    private static final String FOCUS = "focus";

    private final ArchiveLayout layout;
    private final Resolution canvas;
    private final List<SourceRecording> video;
    private final StreamClasses classes;
    private final Map<String, Long> joined = new HashMap<>();

    StyledLayoutPlan(ArchiveLayout layout, Resolution canvas, List<SourceRecording> recordings, StreamClasses classes) {
        this.layout = layout;
        this.canvas = canvas;
        this.video = recordings.stream()
                .filter(s -> layout.selects(s) && s.durationMs() > 0)
                .toList();
        this.classes = classes;
        for (SourceRecording s : video) {
            joined.merge(s.streamId(), s.offsetMs(), Math::min);
        }
    }

    @Override
    public void changes(long fromMs, long toMs, Collection<Long> out) {
        for (SourceRecording s : video) {
            out.add(s.offsetMs());
            out.add(s.endMs());
        }
        classes.instants(fromMs, toMs, out);
    }

    @Override
    public List<Placement> at(long roomMs) {
        List<LiveStream> live = live(roomMs);
        boolean sharing = layout.screenshareType() != null && live.stream().anyMatch(LiveStream::isScreen);
        ArchiveLayoutType effective = sharing ? layout.screenshareType() : layout.type();
        List<LiveStream> shown = sharing ? sharing(effective, StreamPriority.rank(live)) : shown(effective, live);
        List<Set<String>> document = shown.stream()
                .<Set<String>>map(s -> new LinkedHashSet<>(s.classes()))
                .toList();
        List<Box> boxes = layout.stylesheet(effective, canvas).layout(document, canvas.width(), canvas.height());
        List<Placement> out = new ArrayList<>();
        for (Box b : boxes) {
            Rect r = pixels(b);
            if (!r.within(canvas.width(), canvas.height()).isEmpty()) {
                out.add(new Placement(shown.get(b.index()).source(), r, b.paintOrder(), b.index(), b.fit()));
            }
        }
        out.sort(Comparator.comparingInt(Placement::zPos).thenComparingInt(Placement::regionOrder));
        return List.copyOf(out);
    }

    /** The streams sending at {@code roomMs}, each by the latest-starting recording covering it. */
    private List<LiveStream> live(long roomMs) {
        Map<String, SourceRecording> covering = new LinkedHashMap<>();
        for (SourceRecording s : video) {
            if (s.offsetMs() <= roomMs && roomMs < s.endMs()) {
                covering.merge(s.streamId(), s, (a, b) -> b.offsetMs() > a.offsetMs() ? b : a);
            }
        }
        List<LiveStream> out = new ArrayList<>();
        covering.forEach((id, s) -> out.add(new LiveStream(s, classes.at(id, roomMs), joined.get(id))));
        return out;
    }

    private static List<LiveStream> shown(ArchiveLayoutType type, List<LiveStream> live) {
        List<LiveStream> ranked = StreamPriority.rank(live);
        if (type != ArchiveLayoutType.PIP) {
            return ranked.size() <= StreamPriority.MAX_SHOWN ? ranked : ranked.subList(0, StreamPriority.MAX_SHOWN);
        }
        LiveStream full = ranked.stream()
                .filter(s -> s.classes().contains(FULL))
                .findFirst()
                .orElse(null);
        LiveStream small = ranked.stream()
                .filter(s -> !s.classes().contains(FULL))
                .findFirst()
                .orElse(null);
        return ranked.stream().filter(s -> s == full || s == small).toList();
    }

    private static List<LiveStream> sharing(ArchiveLayoutType type, List<LiveStream> ranked) {
        LiveStream screen =
                ranked.stream().filter(LiveStream::isScreen).findFirst().orElseThrow();
        List<LiveStream> out = new ArrayList<>();
        switch (type) {
            case BEST_FIT -> ranked.stream().filter(LiveStream::isScreen).forEach(out::add);
            case PIP -> {
                out.add(screen.withClasses(List.of(FULL)));
                ranked.stream().filter(s -> s != screen).findFirst().ifPresent(s -> out.add(s.withClasses(List.of())));
            }
            default -> {
                for (LiveStream s : ranked) {
                    out.add(
                            s == screen
                                    ? s.withClasses(List.of(FOCUS))
                                    : s.withClasses(s.classes().stream()
                                            .filter(c -> !c.equals(FOCUS))
                                            .toList()));
                }
            }
        }
        return out.size() <= StreamPriority.MAX_SHOWN ? out : out.subList(0, StreamPriority.MAX_SHOWN);
    }

    /** A box with its edges rounded to whole pixels. */
    private static Rect pixels(Box b) {
        long x0 = Math.round(b.x());
        long y0 = Math.round(b.y());
        long x1 = Math.round(b.x() + b.width());
        long y1 = Math.round(b.y() + b.height());
        int clampedX = (int) Math.max(-1_000_000, Math.min(1_000_000, x0));
        int clampedY = (int) Math.max(-1_000_000, Math.min(1_000_000, y0));
        return new Rect(clampedX, clampedY, (int) Math.max(0, Math.min(2_000_000, x1 - x0)), (int)
                Math.max(0, Math.min(2_000_000, y1 - y0)));
    }
}
