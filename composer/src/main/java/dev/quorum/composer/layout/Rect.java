package dev.quorum.composer.layout;

/** A rectangle on the output canvas, in pixels, top-left origin. */
public record Rect(int x, int y, int width, int height) {

    public Rect {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public int centerX() {
        return x + width / 2;
    }

    public int centerY() {
        return y + height / 2;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** The part of this rectangle on a canvas of {@code width}×{@code height}; empty when none. */
    public Rect within(int width, int height) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, right());
        int y1 = Math.min(height, bottom());
        return x1 <= x0 || y1 <= y0 ? new Rect(x0, y0, 0, 0) : new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * Where a picture of {@code srcWidth}×{@code srcHeight} goes inside this rectangle with CSS
     * {@code object-fit: contain}: as large as fits with its aspect ratio kept, centred; the rest
     * stays black. Position and size are rounded to even pixels so 4:2:0 chroma lines up with luma;
     * the result never leaves this rectangle and is empty when it would be smaller than 2×2.
     */
    public Rect containing(int srcWidth, int srcHeight) {
        if (srcWidth <= 0 || srcHeight <= 0 || width < 2 || height < 2) {
            return new Rect(x, y, 0, 0);
        }
        int w;
        int h;
        // Compare aspect ratios in integers: srcW/srcH >= width/height.
        if ((long) srcWidth * height >= (long) width * srcHeight) {
            w = width;
            h = (int) Math.round((double) width * srcHeight / srcWidth);
        } else {
            h = height;
            w = (int) Math.round((double) height * srcWidth / srcHeight);
        }
        w = Math.min(w, width) & ~1;
        h = Math.min(h, height) & ~1;
        if (w < 2 || h < 2) {
            return new Rect(x, y, 0, 0);
        }
        int left = evenWithin(x + (width - w) / 2, x, x + width - w);
        int top = evenWithin(y + (height - h) / 2, y, y + height - h);
        if (left < 0 || top < 0) {
            // No even position fits: the rectangle starts odd and has no slack.
            w -= 2;
            h -= 2;
            if (w < 2 || h < 2) {
                return new Rect(x, y, 0, 0);
            }
            left = evenWithin(x + (width - w) / 2, x, x + width - w);
            top = evenWithin(y + (height - h) / 2, y, y + height - h);
        }
        return new Rect(left, top, w, h);
    }

    /** The even number nearest {@code v} within [lo, hi], or −1 when there is none. */
    private static int evenWithin(int v, int lo, int hi) {
        int down = v & ~1;
        if (down >= lo && down <= hi) {
            return down;
        }
        int up = down + 2;
        if (up >= lo && up <= hi) {
            return up;
        }
        return -1;
    }
}
