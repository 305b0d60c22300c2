/**
 * The layout engine, with no media code. A composition's
 * {@link dev.quorum.composer.layout.LayoutTimeline} holds layouts over time, each a
 * {@link dev.quorum.composer.layout.Layout}: a {@link dev.quorum.composer.layout.VideoLayout} of
 * regions (parsing and validation in {@link dev.quorum.composer.layout.VideoLayoutParser}, grid
 * sizing in {@link dev.quorum.composer.layout.GridSize}, cells under the reuse policies in
 * {@link dev.quorum.composer.layout.CellAssigner}) or an
 * {@link dev.quorum.composer.layout.ArchiveLayout} (streams ranked by
 * {@link dev.quorum.composer.layout.StreamPriority} with their
 * {@link dev.quorum.composer.layout.StreamClasses}, laid out by a stylesheet of the
 * {@link dev.quorum.composer.layout.css} subset). {@link dev.quorum.composer.layout.VideoSchedule}
 * resolves the timeline to the {@link dev.quorum.composer.layout.Placement}s of any instant, and
 * {@link dev.quorum.composer.layout.Framing} says where a picture lands in its box.
 */
package dev.quorum.composer.layout;
