package dev.quorum.composer.layout;

import dev.quorum.composer.layout.css.ObjectFit;

/**
 * Where a picture is drawn for one placement: the canvas rectangle it covers and the part of the
 * source picture scaled into it. With {@code contain} the whole picture is fitted in the box,
 * centred, the rest of the box black; with {@code cover} it is scaled to fill the box, centred,
 * and the overflow cropped. Whatever falls outside the canvas is cropped too. Positions and sizes
 * on the canvas are even (4:2:0 chroma lines up with luma) and never leave the visible box; the
 * crop's origin is even.
 */
public record Framing(Rect target, Rect crop) {

    /**
     * @return the framing; its target is empty when nothing of the picture is visible
     */
    public static Framing of(Rect box, ObjectFit fit, int srcWidth, int srcHeight, int canvasWidth, int canvasHeight) {
        Rect full = new Rect(0, 0, Math.max(0, srcWidth), Math.max(0, srcHeight));
        if (srcWidth <= 0 || srcHeight <= 0 || box.isEmpty()) {
            return empty(box);
        }
        boolean inside = box.x() >= 0 && box.y() >= 0 && box.right() <= canvasWidth && box.bottom() <= canvasHeight;
        if (fit == ObjectFit.CONTAIN && inside) {
            return new Framing(box.containing(srcWidth, srcHeight), full);
        }
        double sx = (double) box.width() / srcWidth;
        double sy = (double) box.height() / srcHeight;
        double scale = fit == ObjectFit.COVER ? Math.max(sx, sy) : Math.min(sx, sy);
        double pw = srcWidth * scale;
        double ph = srcHeight * scale;
        double px = box.x() + (box.width() - pw) / 2;
        double py = box.y() + (box.height() - ph) / 2;
        int x0 = evenUp(Math.max(Math.max(px, box.x()), 0));
        int y0 = evenUp(Math.max(Math.max(py, box.y()), 0));
        int x1 = evenDown(Math.min(Math.min(px + pw, box.right()), canvasWidth));
        int y1 = evenDown(Math.min(Math.min(py + ph, box.bottom()), canvasHeight));
        if (x1 - x0 < 2 || y1 - y0 < 2) {
            return empty(box);
        }
        int cx0 = evenDown(Math.max(0, (x0 - px) / scale));
        int cy0 = evenDown(Math.max(0, (y0 - py) / scale));
        int cx1 = (int) Math.min(srcWidth, Math.round((x1 - px) / scale));
        int cy1 = (int) Math.min(srcHeight, Math.round((y1 - py) / scale));
        if (cx1 - cx0 < 1 || cy1 - cy0 < 1) {
            return empty(box);
        }
        return new Framing(new Rect(x0, y0, x1 - x0, y1 - y0), new Rect(cx0, cy0, cx1 - cx0, cy1 - cy0));
    }

    private static Framing empty(Rect box) {
        return new Framing(new Rect(box.x(), box.y(), 0, 0), new Rect(0, 0, 0, 0));
    }

    public boolean isEmpty() {
        return target.isEmpty();
    }

    /** True if the crop is the whole {@code width}×{@code height} picture. */
    public boolean wholeOf(int width, int height) {
        return crop.x() == 0 && crop.y() == 0 && crop.width() == width && crop.height() == height;
    }

    private static int evenUp(double v) {
        int c = (int) Math.ceil(v - 1e-6);
        return c + (c & 1);
    }

    private static int evenDown(double v) {
        return (int) Math.floor(v + 1e-6) & ~1;
    }
}
