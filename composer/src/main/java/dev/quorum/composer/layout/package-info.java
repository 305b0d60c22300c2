/**
 * The VideoLayout language, with no media code: parsing and validation
 * ({@link dev.quorum.composer.layout.VideoLayoutParser}), the echoed form, grid sizing
 * ({@link dev.quorum.composer.layout.GridSize}), cell assignment under the reuse policies
 * ({@link dev.quorum.composer.layout.CellAssigner}), and for any instant the rectangles each
 * source is drawn into ({@link dev.quorum.composer.layout.VideoSchedule}), fitted with
 * {@link dev.quorum.composer.layout.Rect#containing}.
 */
package dev.quorum.composer.layout;
