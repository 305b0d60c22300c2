package dev.quorum.api.archives;

import dev.quorum.storage.archive.VideoStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order in which a composed archive takes video streams when more are published than it can
 * show (the hosted service's prioritisation rules). Upper tier, streams with a layout class:
 * screen shares, then streams of clients that also share their screen, then the rest. Lower tier,
 * streams without classes: screen shares, streams of clients that also share their screen, streams
 * of clients that also publish an upper-tier stream, then the rest. Within a rank, the order the
 * streams joined the archive.
 */
final class StreamPriority {

    private StreamPriority() {}

    /** @param joined the candidate streams in the order they joined the archive */
    static List<VideoStream> order(List<VideoStream> joined) {
        Set<String> sharing = new HashSet<>();
        Set<String> upper = new HashSet<>();
        for (VideoStream s : joined) {
            if (VideoStream.SCREEN.equals(s.videoType())) {
                sharing.add(s.connectionId());
            }
            if (!s.layoutClasses().isEmpty()) {
                upper.add(s.connectionId());
            }
        }
        List<VideoStream> out = new ArrayList<>(joined);
        out.sort(Comparator.comparingInt(s -> rank(s, sharing, upper))); // stable: join order within a rank
        return out;
    }

    private static int rank(VideoStream s, Set<String> sharing, Set<String> upper) {
        boolean screen = VideoStream.SCREEN.equals(s.videoType());
        boolean sharer = sharing.contains(s.connectionId());
        if (!s.layoutClasses().isEmpty()) {
            return screen ? 0 : sharer ? 1 : 2;
        }
        return screen ? 3 : sharer ? 4 : upper.contains(s.connectionId()) ? 5 : 6;
    }
}
