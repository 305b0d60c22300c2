package dev.quorum.storage.composition;

/**
 * A change of a composition's layout: from {@code atMs} (ms since the Unix epoch, the room clock)
 * on, {@code layoutJson} is in force.
 */
public record LayoutChange(long atMs, String layoutJson) {}
