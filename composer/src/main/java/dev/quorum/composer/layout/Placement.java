package dev.quorum.composer.layout;

import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.css.ObjectFit;

/**
 * A source drawn into a box at some instant. Placements are drawn in ascending {@code zPos},
 * ties in ascending {@code regionOrder}, so the last drawn ends up on top: for region layouts
 * {@code z_pos} and the region's place in the layout; for stylesheet layouts the box's paint
 * order ({@code z-index}) and the stream's place in the document.
 *
 * @param cell the box, in canvas pixels; it may reach outside the canvas, which clips it
 * @param fit  how the picture fills the box: letterboxed whole, or cropped to cover it
 */
public record Placement(SourceRecording source, Rect cell, int zPos, int regionOrder, ObjectFit fit) {

    /** A picture letterboxed in its box ({@code contain}), as region layouts draw. */
    public Placement(SourceRecording source, Rect cell, int zPos, int regionOrder) {
        this(source, cell, zPos, regionOrder, ObjectFit.CONTAIN);
    }

    /** Where a picture of the given size goes on a canvas of the given size, and which part of it. */
    public Framing framing(int srcWidth, int srcHeight, int canvasWidth, int canvasHeight) {
        return Framing.of(cell, fit, srcWidth, srcHeight, canvasWidth, canvasHeight);
    }
}
