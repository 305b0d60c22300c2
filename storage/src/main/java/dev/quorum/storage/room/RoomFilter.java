package dev.quorum.storage.room;

import java.time.Instant;

/**
 * Filters of the rooms list; null means "any".
 *
 * @param createdAfter  inclusive
 * @param createdBefore exclusive
 */
public record RoomFilter(String status, String uniqueName, Instant createdAfter, Instant createdBefore) {}
