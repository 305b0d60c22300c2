package dev.quorum.signaling.session;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Live participant sessions by participant SID, for {@code resume}. Thread-safe. */
final class SessionRegistry {

    private final ConcurrentHashMap<String, ParticipantSession> sessions = new ConcurrentHashMap<>();

    void add(String participantSid, ParticipantSession s) {
        sessions.put(participantSid, s);
    }

    void remove(String participantSid, ParticipantSession s) {
        sessions.remove(participantSid, s);
    }

    Optional<ParticipantSession> find(String participantSid) {
        return Optional.ofNullable(sessions.get(participantSid));
    }

    int size() {
        return sessions.size();
    }

    Iterable<ParticipantSession> all() {
        return sessions.values();
    }
}
