package dev.quorum.signaling.token;

import dev.quorum.sfu.api.RoomSettings;
import java.util.List;
import java.util.Set;

/**
 * What an archive API client token grants: a connection to one session, with a role, the
 * application's data about the connection and the layout classes of the streams it publishes.
 *
 * @param projectId      the API key or application ID that signed the token
 * @param sessionId      the session (the unique name of its room)
 * @param role           {@code publisher}, {@code publisheronly}, {@code subscriber} or {@code moderator}
 * @param connectionData the token's {@code connection_data}, or null
 * @param layoutClasses  the token's {@code initial_layout_class_list}
 * @param roomSettings   the settings of the session's room, if this join creates it
 */
public record ClientGrant(
        String projectId,
        String sessionId,
        String role,
        String connectionData,
        List<String> layoutClasses,
        RoomSettings roomSettings) {

    public static final String PUBLISHER = "publisher";
    public static final String PUBLISHER_ONLY = "publisheronly";
    public static final String SUBSCRIBER = "subscriber";
    public static final String MODERATOR = "moderator";
    public static final Set<String> ROLES = Set.of(PUBLISHER, PUBLISHER_ONLY, SUBSCRIBER, MODERATOR);

    public ClientGrant {
        layoutClasses = List.copyOf(layoutClasses);
    }

    /** Every role but {@code subscriber} may publish. */
    public boolean mayPublish() {
        return !SUBSCRIBER.equals(role);
    }
}
