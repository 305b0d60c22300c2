package dev.quorum.storage.room;

import java.time.Instant;

/** Filters of a room's participant list; null means "any". */
public record ParticipantFilter(String status, String identity, Instant createdAfter, Instant createdBefore) {}
