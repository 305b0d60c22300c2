/**
 * The recordings resources, top-level and room-scoped.
 */
package dev.quorum.api.recordings;
