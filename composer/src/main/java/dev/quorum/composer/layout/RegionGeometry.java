package dev.quorum.composer.layout;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.ValidationProblem;
import java.util.List;

/**
 * The position and size rules of a region against the canvas it is drawn on: the region must lie
 * inside the canvas; an absent width or height counts as 16 px when checking the position.
 */
final class RegionGeometry {

    private RegionGeometry() {}

    static void check(Region r, Resolution canvas, List<ValidationProblem> out) {
        checkAxis(r, "x_pos", "width", "wide", r.xPos(), r.width(), canvas.width(), out);
        checkAxis(r, "y_pos", "height", "high", r.yPos(), r.height(), canvas.height(), out);
    }

    private static void checkAxis(
            Region r,
            String posKey,
            String sizeKey,
            String adjective,
            int pos,
            Integer size,
            int canvasSize,
            List<ValidationProblem> out) {
        if (size != null && size > canvasSize) {
            out.add(problem(
                    r, sizeKey, sizeKey + " " + size + " exceeds the composition " + sizeKey + " " + canvasSize));
            return;
        }
        int assumed = size != null ? size : Region.MIN_SIZE;
        if (pos + assumed > canvasSize) {
            String what = size != null
                    ? posKey + " " + pos + " plus " + sizeKey + " " + size + " exceeds the composition " + sizeKey + " "
                            + canvasSize + " (" + posKey + " at most " + (canvasSize - size) + ")"
                    : posKey + " " + pos + " leaves less than " + Region.MIN_SIZE + " px on a "
                            + canvasSize + " px " + adjective + " composition (" + posKey + " at most "
                            + (canvasSize - Region.MIN_SIZE) + ")";
            out.add(problem(r, posKey, what));
        }
    }

    static ValidationProblem problem(Region r, String property, String what) {
        return problem(r.name(), property, what);
    }

    static ValidationProblem problem(String region, String property, String what) {
        return new ValidationProblem("VideoLayout", region, property, "VideoLayout region '" + region + "': " + what);
    }
}
