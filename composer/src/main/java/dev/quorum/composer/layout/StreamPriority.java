package dev.quorum.composer.layout;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which video streams a composed archive shows, and their order in its document: the archive
 * API's prioritisation. Streams with layout classes (the upper tier) come first: screen shares,
 * then other streams of clients sharing their screen, then the rest. Streams without classes
 * follow: screen shares, other streams of screen-sharing clients, streams of clients that also
 * publish an upper-tier stream, then the rest. Within each group, streams keep the order they
 * joined (their first recording's start; ties by stream id). At most {@link #MAX_SHOWN} are shown.
 *
 * <p>The ranking is taken afresh at every instant from the streams sending then, so a stream that
 * returns after a pause is shown again only if it outranks a shown one, and a stream that leaves
 * frees its place for the next in rank.
 */
public final class StreamPriority {

    /** Video streams a composed archive shows at once. */
    public static final int MAX_SHOWN = 16;

    private StreamPriority() {}

    /** All of {@code live}, best first. */
    public static List<LiveStream> rank(List<LiveStream> live) {
        Set<String> sharers = new HashSet<>();
        Set<String> upperPublishers = new HashSet<>();
        for (LiveStream s : live) {
            String who = s.source().participantSid();
            if (who == null) {
                continue;
            }
            if (s.isScreen()) {
                sharers.add(who);
            }
            if (!s.classes().isEmpty()) {
                upperPublishers.add(who);
            }
        }
        return live.stream()
                .sorted(Comparator.<LiveStream>comparingInt(s -> group(s, sharers, upperPublishers))
                        .thenComparingLong(LiveStream::joinedAtMs)
                        .thenComparing(LiveStream::streamId))
                .toList();
    }

    /** The first {@link #MAX_SHOWN} of {@link #rank}. */
    public static List<LiveStream> shown(List<LiveStream> live) {
        List<LiveStream> ranked = rank(live);
        return ranked.size() <= MAX_SHOWN ? ranked : ranked.subList(0, MAX_SHOWN);
    }

    private static int group(LiveStream s, Set<String> sharers, Set<String> upperPublishers) {
        String who = s.source().participantSid();
        boolean sharer = who != null && sharers.contains(who);
        if (!s.classes().isEmpty()) {
            return s.isScreen() ? 0 : sharer ? 1 : 2;
        }
        if (s.isScreen()) {
            return 3;
        }
        if (sharer) {
            return 4;
        }
        return who != null && upperPublishers.contains(who) ? 5 : 6;
    }
}
