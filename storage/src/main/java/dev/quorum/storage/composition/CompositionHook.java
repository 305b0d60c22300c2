package dev.quorum.storage.composition;

import java.time.Instant;

/**
 * An account-level template: when a room that produced recordings ends, every enabled hook
 * creates a composition of it with this spec.
 *
 * @param dateUpdated null until the hook is first updated
 */
public record CompositionHook(
        String sid,
        String accountSid,
        String friendlyName,
        boolean enabled,
        CompositionSpec spec,
        Instant dateCreated,
        Instant dateUpdated) {}
