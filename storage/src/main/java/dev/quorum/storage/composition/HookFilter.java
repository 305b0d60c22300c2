package dev.quorum.storage.composition;

import java.time.Instant;

/**
 * Filters of the hooks list; null means "any".
 *
 * @param friendlyName case-insensitive, {@code *} matches any run of characters
 */
public record HookFilter(Boolean enabled, String friendlyName, Instant createdAfter, Instant createdBefore) {}
