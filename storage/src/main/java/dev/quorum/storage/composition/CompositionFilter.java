package dev.quorum.storage.composition;

import java.time.Instant;

/**
 * Filters of the compositions list; null means "any".
 *
 * @param status when null, deleted compositions are left out
 */
public record CompositionFilter(String status, String roomSid, Instant createdAfter, Instant createdBefore) {}
