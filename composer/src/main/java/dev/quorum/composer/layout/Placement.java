package dev.quorum.composer.layout;

import dev.quorum.composer.SourceRecording;

/**
 * A source drawn into a cell at some instant. Placements are drawn in ascending {@code zPos},
 * ties in layout order, so a higher {@code z_pos} ends up on top.
 *
 * @param cell the cell's rectangle; the picture is fitted inside it with {@link Rect#containing}
 */
public record Placement(SourceRecording source, Rect cell, int zPos, int regionOrder) {}
