package dev.quorum.storage.room;

import java.time.Instant;

/**
 * A track a participant published, kept after it is unpublished (history).
 *
 * @param kind        {@code audio}, {@code video} or {@code data}
 * @param published   false once unpublished
 * @param dateRemoved when it was unpublished, or null
 */
public record TrackRecord(
        String sid,
        String roomSid,
        String participantSid,
        String accountSid,
        String name,
        String kind,
        String codec,
        boolean enabled,
        boolean published,
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateRemoved) {}
