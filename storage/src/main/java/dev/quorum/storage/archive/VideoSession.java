package dev.quorum.storage.archive;

import java.time.Instant;

/**
 * A session of the archive API: the name its clients' room goes by (the session ID is the room's
 * unique name, so each gathering after the last one ended is a new room of the same name).
 *
 * @param mediaMode         {@link #ROUTED} or {@link #RELAYED} (recorded; media always goes through
 *                          this server, but relayed sessions cannot be archived, as with the hosted service)
 * @param archiveMode       {@link #MANUAL} or {@link #ALWAYS}
 * @param location          the location hint given at creation, or null
 * @param archiveName       the name of automatic archives, or null
 * @param archiveResolution the resolution of automatic archives, or null for the default
 */
public record VideoSession(
        String sessionId,
        String projectId,
        String accountSid,
        String mediaMode,
        String archiveMode,
        String location,
        boolean e2ee,
        String archiveName,
        String archiveResolution,
        Instant dateCreated) {

    public static final String ROUTED = "routed";
    public static final String RELAYED = "relayed";
    public static final String MANUAL = "manual";
    public static final String ALWAYS = "always";

    public boolean archivedAlways() {
        return ALWAYS.equals(archiveMode);
    }
}
