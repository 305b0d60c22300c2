package dev.quorum.api.archives;

import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.VideoConnection;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.archive.VideoSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What signaling needs to let a client in with a client token: the signing project, the session
 * and the settings its room is created with, and a place to record the connection.
 */
public final class SessionDirectory {

    private final MetadataStore store;
    private final Clock clock;

    public SessionDirectory(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** An enabled project by API key or application ID. */
    public Optional<VideoProject> project(String id) {
        return store.projects().find(id).filter(VideoProject::enabled);
    }

    public Optional<VideoSession> session(String sessionId) {
        return store.sessions().find(sessionId);
    }

    /**
     * The settings of a session's room: the project's video codec, nothing recorded until an
     * archive asks, and an end a minute after the last client left.
     */
    public RoomSettings roomSettings(VideoSession s) {
        String codec = store.projects()
                .find(s.projectId())
                .map(VideoProject::videoCodec)
                .orElse("VP8");
        return new RoomSettings(
                "group",
                null,
                "POST",
                50,
                Duration.ofHours(24),
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                List.of(codec),
                false,
                List.of(),
                false,
                "us1",
                false);
    }

    /** Records a client that joined a session's room with a client token. */
    public void joined(
            String sessionId,
            String connectionId,
            String roomSid,
            String participantSid,
            String role,
            String data,
            List<String> layoutClasses) {
        store.sessions()
                .connected(new VideoConnection(
                        connectionId, sessionId, roomSid, participantSid, role, data, layoutClasses, clock.instant()));
    }
}
