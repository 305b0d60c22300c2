package dev.quorum.composer.layout;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.SourceSelector;
import dev.quorum.sfu.api.TrackKind;
import java.util.List;
import java.util.Objects;

/**
 * One region of a video layout, as parsed: position, stacking order, grid limits, excluded cells,
 * reuse policy and which video recordings it shows.
 *
 * @param width         null for "the rest of the canvas from {@code xPos}"
 * @param height        null for "the rest of the canvas from {@code yPos}"
 * @param maxColumns    null for no limit
 * @param maxRows       null for no limit
 * @param cellsExcluded distinct cell indices, ascending
 */
public record Region(
        String name,
        int xPos,
        int yPos,
        int zPos,
        Integer width,
        Integer height,
        Integer maxColumns,
        Integer maxRows,
        List<Integer> cellsExcluded,
        Reuse reuse,
        List<SourceSelector> videoSources,
        List<SourceSelector> videoSourcesExcluded) {

    /** Size assumed for an absent width or height when checking a position (the hosted rule). */
    static final int MIN_SIZE = 16;

    public Region {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reuse, "reuse");
        cellsExcluded = cellsExcluded.stream().distinct().sorted().toList();
        videoSources = List.copyOf(videoSources);
        videoSourcesExcluded = List.copyOf(videoSourcesExcluded);
    }

    /** A region covering the whole canvas with the defaults, showing what {@code sources} name. */
    public static Region of(String name, List<SourceSelector> sources) {
        return new Region(name, 0, 0, 0, null, null, null, null, List.of(), Reuse.DEFAULT, sources, List.of());
    }

    /** The region's rectangle on a canvas of the given size, with absent sizes filled in. */
    public Rect bounds(Resolution canvas) {
        int w = width != null ? width : canvas.width() - xPos;
        int h = height != null ? height : canvas.height() - yPos;
        return new Rect(xPos, yPos, Math.max(0, w), Math.max(0, h));
    }

    /** True if this region shows {@code s}: a video recording named by a source and no exclusion. */
    public boolean selects(SourceRecording s) {
        if (s.kind() != TrackKind.VIDEO) {
            return false;
        }
        boolean in = false;
        for (SourceSelector sel : videoSources) {
            if (sel.matches(s)) {
                in = true;
                break;
            }
        }
        if (!in) {
            return false;
        }
        for (SourceSelector sel : videoSourcesExcluded) {
            if (sel.matches(s)) {
                return false;
            }
        }
        return true;
    }
}
