package dev.quorum.composer.layout;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.VideoType;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Made-up video recordings and readable views of placements, for layout tests without media. */
final class LayoutFixtures {

    static final long T0 = 1_763_000_000_000L;

    private LayoutFixtures() {}

    /** A camera recording of track {@code MT-<name>} by {@code participant}, from {@code from} to {@code to} ms after T0. */
    static SourceRecording cam(String name, String participant, long from, long to) {
        return video(name, participant, from, to, VideoType.CAMERA);
    }

    static SourceRecording screen(String name, String participant, long from, long to) {
        return video(name, participant, from, to, VideoType.SCREEN);
    }

    static SourceRecording video(String name, String participant, long from, long to, VideoType type) {
        return new SourceRecording(
                "RT-" + name + "-" + from,
                "MT-" + name,
                participant,
                name,
                TrackKind.VIDEO,
                "VP8",
                Path.of(name),
                T0 + from,
                to - from,
                type);
    }

    /** {@code n} cameras, {@code c1}…{@code cn}, each of its own participant, joining 1 ms apart. */
    static List<SourceRecording> cams(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> cam("c" + i, "PA-" + i, i, 100_000))
                .toList();
    }

    static VideoSchedule schedule(Layout layout, Resolution canvas, List<SourceRecording> room, StreamClasses classes) {
        return VideoSchedule.build(LayoutTimeline.of(layout), canvas, room, classes);
    }

    /** Track name → box at {@code ms} after T0, in drawing order. */
    static Map<String, Rect> at(VideoSchedule s, long ms) {
        Map<String, Rect> out = new LinkedHashMap<>();
        for (Placement p : s.at(T0 + ms)) {
            out.put(p.source().trackName(), p.cell());
        }
        return out;
    }

    static StreamClasses classes(Object... streamAtClasses) {
        List<StreamClasses.Change> changes = new java.util.ArrayList<>();
        for (int i = 0; i < streamAtClasses.length; i += 3) {
            String stream = (String) streamAtClasses[i];
            long at = ((Number) streamAtClasses[i + 1]).longValue();
            String cls = (String) streamAtClasses[i + 2];
            changes.add(new StreamClasses.Change(
                    "MT-" + stream, T0 + at, cls.isBlank() ? List.of() : List.of(cls.split(" "))));
        }
        return StreamClasses.of(changes);
    }
}
