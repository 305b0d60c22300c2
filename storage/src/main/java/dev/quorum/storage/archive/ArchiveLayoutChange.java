package dev.quorum.storage.archive;

import java.time.Instant;

/**
 * One entry of a composed archive's layout timeline: from {@code at} on, {@code layout} (JSON
 * {@code type}, {@code stylesheet}, {@code screenshareType}) is in force. Entry 0 is the layout
 * the archive started with.
 */
public record ArchiveLayoutChange(String archiveId, int seq, Instant at, String layout) {}
