package dev.quorum.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load generator's parameters, from {@code key=value} arguments.
 *
 * @param rooms          rooms at the same time ({@code rooms}, default 4)
 * @param participants   participants per room, each publishing audio and video and receiving
 *                       everyone else's ({@code participants}, default 4)
 * @param seconds        the measured run ({@code seconds}, default 30)
 * @param videoKbps      each video track's bit rate ({@code video-kbps}, default 1000)
 * @param reportSeconds  interval of the running report ({@code report-seconds}, default 5)
 * @param warmupSeconds  media flows this long after every stream arrived, before measuring
 *                       ({@code warmup-seconds}, default 10: the JIT and the buffer pools settle)
 * @param eventLoops     the media port's event loops ({@code event-loops}, default: one per
 *                       processor, as the server's default)
 */
record LoadSettings(
        int rooms, int participants, int seconds, int videoKbps, int reportSeconds, int warmupSeconds, int eventLoops) {

    LoadSettings {
        require(rooms >= 1, "rooms must be at least 1");
        require(participants >= 2, "participants must be at least 2 (someone must receive)");
        require(seconds >= 1, "seconds must be at least 1");
        require(videoKbps >= 10, "video-kbps must be at least 10");
        require(reportSeconds >= 1, "report-seconds must be at least 1");
        require(warmupSeconds >= 0, "warmup-seconds must not be negative");
        require(eventLoops >= 1, "event-loops must be at least 1");
    }

    static LoadSettings parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got: " + a);
            }
            given.put(a.substring(0, eq), a.substring(eq + 1));
        }
        LoadSettings s = new LoadSettings(
                number(given, "rooms", 4),
                number(given, "participants", 4),
                number(given, "seconds", 30),
                number(given, "video-kbps", 1000),
                number(given, "report-seconds", 5),
                number(given, "warmup-seconds", 10),
                number(given, "event-loops", Runtime.getRuntime().availableProcessors()));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown argument(s): " + given.keySet()
                    + "; known: rooms participants seconds video-kbps report-seconds warmup-seconds event-loops");
        }
        return s;
    }

    /** Streams the server forwards: every participant receives everyone else's audio and video. */
    int forwardedStreams() {
        return rooms * participants * (participants - 1) * 2;
    }

    private static int number(Map<String, String> given, String key, int fallback) {
        String v = given.remove(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got: " + v);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
