package dev.quorum.api.archives;

import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.Archive;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The archive timers of the hosted service: no stream within a minute of the start, paused for an
 * hour, four hours recorded (an automatic archive's successor starts a little before), twelve
 * hours in all, a minute after the last client left, and the session's room gone. Confined to the
 * engine's thread.
 */
final class ArchiveTimers {

    static final String MAX_DURATION = "maximum duration exceeded";

    /** Deleted archives are forgotten this long after their deletion. */
    static final Duration DELETED_RETENTION = Duration.ofDays(30);

    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final MetadataStore store;
    private final RoomControl rooms;
    private final ArchiveSettings settings;
    private final Map<String, Instant> emptySince = new HashMap<>();
    private Instant lastPurge = Instant.MIN;

    ArchiveTimers(MetadataStore store, RoomControl rooms, ArchiveSettings settings) {
        this.store = store;
        this.rooms = rooms;
        this.settings = settings;
    }

    /** The last client left the room at {@code at} (kept if it was already empty). */
    void emptied(String roomSid, Instant at) {
        emptySince.putIfAbsent(roomSid, at);
    }

    /** A client is in the room again, or the room is gone. */
    void occupied(String roomSid) {
        emptySince.remove(roomSid);
    }

    /** Why a recording archive must stop now, or null. */
    String due(Archive a, Instant now) {
        Optional<RoomInfo> room = rooms.findRoom(a.accountSid(), a.sessionId())
                .filter(r -> r.sid().equals(a.roomSid()));
        if (room.isEmpty()) {
            return "session ended";
        }
        Instant empty = emptySince.get(a.roomSid());
        if (empty != null && !now.isBefore(empty.plus(settings.emptySessionTimeout()))) {
            return "session ended";
        }
        // An automatic archive waits for its first stream as long as a paused one waits for the next.
        Duration firstStream = a.automatic() ? settings.idleTimeout() : settings.noStreamTimeout();
        if (a.dateRecording() == null && !now.isBefore(a.dateRequested().plus(firstStream))) {
            return "maximum idle time exceeded";
        }
        if (Archive.PAUSED.equals(a.status()) && !now.isBefore(a.statusSince().plus(settings.idleTimeout()))) {
            return "maximum idle time exceeded";
        }
        if (!now.isBefore(a.dateRequested().plus(settings.maxTotal()))
                || a.recordedAt(now).compareTo(settings.maxRecorded()) >= 0) {
            return MAX_DURATION;
        }
        return null;
    }

    /** True when an automatic archive is close enough to its limit that its successor must start now. */
    boolean rolloverDue(Archive a, Instant now) {
        if (!a.automatic()
                || a.recordedAt(now).compareTo(settings.maxRecorded().minus(settings.rolloverOverlap())) < 0) {
            return false;
        }
        return store.archives().recordingOfSession(a.sessionId()).stream()
                .noneMatch(x -> x.automatic() && x.dateRequested().isAfter(a.dateRequested()));
    }

    /** Forgets archives deleted long ago, at most once an hour. */
    void purge(Instant now) {
        if (lastPurge.plus(PURGE_EVERY).isBefore(now)) {
            lastPurge = now;
            store.archives().purgeDeletedBefore(now.minus(DELETED_RETENTION));
        }
    }
}
