package dev.quorum.server;

import dev.quorum.api.archives.SessionDirectory;
import dev.quorum.api.projects.PublicKeys;
import dev.quorum.signaling.token.ClientGrant;
import dev.quorum.signaling.token.ClientTokenKeys;
import java.util.Optional;

/** Signaling's view of the archive API's projects and sessions, so browsers join with SDK client tokens. */
final class ClientTokens implements ClientTokenKeys {

    private final SessionDirectory directory;

    ClientTokens(SessionDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<Project> project(String id) {
        return directory
                .project(id)
                .map(p -> new Project(
                        p.id(),
                        p.accountSid(),
                        p.apiSecret(),
                        p.publicKey() == null ? null : PublicKeys.rsa(p.publicKey())));
    }

    @Override
    public Optional<Session> session(String sessionId) {
        return directory
                .session(sessionId)
                .map(s -> new Session(s.sessionId(), s.projectId(), s.accountSid(), directory.roomSettings(s)));
    }

    @Override
    public void joined(ClientGrant grant, String connectionId, String roomSid, String participantSid) {
        directory.joined(
                grant.sessionId(),
                connectionId,
                roomSid,
                participantSid,
                grant.role(),
                grant.connectionData(),
                grant.layoutClasses());
    }
}
