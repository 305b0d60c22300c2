package dev.quorum.api.archives;

import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The recording rules a session's room gets from its archives: one rule per track some archive
 * wants. When the set of archives wanting a track that is already recorded changes, the track's
 * recording is restarted (the room gets the rules without it, then with it), so that a recording
 * belongs, from its first frame to its last, to the same archives. Confined to the engine's thread.
 */
final class RoomRules {

    /** The stream a recorded track belongs to and the archives that want it. */
    record Assigned(String streamId, Set<String> archives) {}

    /** The assignments given to a room at one moment. */
    private record Plan(Instant since, Map<String, Assigned> tracks) {}

    /** Plans kept per room, newest last: enough to place a recording whose start event comes late. */
    private static final int KEPT = 32;

    private final RoomControl rooms;
    private final Map<String, Deque<Plan>> byRoom = new HashMap<>();

    RoomRules(RoomControl rooms) {
        this.rooms = rooms;
    }

    /**
     * Who wanted a track of a room when a recording of it was created: the recording was started by
     * the plan in force then, and the next plan that changed its archives restarted it.
     */
    Optional<Assigned> assigned(String roomSid, String trackSid, Instant created) {
        Deque<Plan> plans = byRoom.get(roomSid);
        if (plans == null) {
            return Optional.empty();
        }
        Plan chosen = plans.peekFirst();
        for (Plan p : plans) {
            if (!p.since().isAfter(created)) {
                chosen = p;
            }
        }
        return Optional.ofNullable(chosen == null ? null : chosen.tracks().get(trackSid));
    }

    /** Gives the room the rules for {@code next} (track SID → its stream and archives) from {@code now}. */
    void apply(String accountSid, String roomSid, Map<String, Assigned> next, Instant now) {
        Deque<Plan> plans = byRoom.get(roomSid);
        Map<String, Assigned> prev =
                plans == null || plans.isEmpty() ? Map.of() : plans.peekLast().tracks();
        if (prev.equals(next)) {
            return;
        }
        List<String> restart = new ArrayList<>();
        for (Map.Entry<String, Assigned> e : next.entrySet()) {
            Assigned before = prev.get(e.getKey());
            if (before != null && !before.archives().equals(e.getValue().archives())) {
                restart.add(e.getKey());
            }
        }
        try {
            if (!restart.isEmpty()) {
                rooms.setRecordingRules(accountSid, roomSid, rules(next.keySet(), restart));
            }
            rooms.setRecordingRules(accountSid, roomSid, rules(next.keySet(), List.of()));
            Deque<Plan> kept = byRoom.computeIfAbsent(roomSid, k -> new ArrayDeque<>());
            kept.addLast(new Plan(now, Map.copyOf(next)));
            while (kept.size() > KEPT) {
                kept.removeFirst();
            }
        } catch (RoomException e) {
            byRoom.remove(roomSid); // the room ended; its archives stop with its room-ended event
        }
    }

    void forget(String roomSid) {
        byRoom.remove(roomSid);
    }

    private static List<RecordingRule> rules(Set<String> tracks, List<String> without) {
        List<RecordingRule> out = new ArrayList<>();
        for (String t : tracks) {
            if (!without.contains(t)) {
                out.add(new RecordingRule(true, false, null, null, t));
            }
        }
        return out;
    }
}
