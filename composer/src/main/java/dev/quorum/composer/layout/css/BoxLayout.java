package dev.quorum.composer.layout.css;

import dev.quorum.composer.layout.css.ComputedStyle.Position;
import dev.quorum.composer.layout.css.ComputedStyle.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * CSS 2.1 visual formatting for the root's {@code <stream>} children, which have no content of
 * their own: a size left {@code auto} is 0, except an in-flow block's width (the root's width less
 * its margins) and an absolutely positioned box's width or height when both opposite offsets are
 * set. In-flow blocks stack with collapsing vertical margins; floats follow the float placement
 * rules (as high, then as far left or right, as fits; {@code clear} moves them below earlier
 * floats); {@code inline} and {@code inline-block} streams are atomic boxes set on lines that
 * floats shorten, aligned at their bottom margin edge (there is no text, so no line-height strut);
 * absolutely positioned boxes are placed against the root, falling back to where they would have
 * been in flow; relative positioning shifts a box after layout. Percentages resolve against the
 * root: its width for widths, horizontal offsets and all margins, its height for heights and
 * vertical offsets.
 *
 * <p>Simplification: a float met while a line holds inline boxes starts below that line.
 */
final class BoxLayout {

    /** Tolerance for sums of percentages such as 3 × 33.33%. */
    private static final double EPS = 0.01;

    private final double width;
    private final double height;
    /** Margin boxes of placed floats: x0, y0, x1, y1, and 0 for left or 1 for right. */
    private final List<double[]> floats = new ArrayList<>();

    private final Box[] boxes;
    private final List<ComputedStyle> styles;
    /** No float may start higher than an earlier one. */
    private double floatTop;
    /** Bottom of the in-flow content so far, margins excluded. */
    private double flowY;
    /** The last block's bottom margin, which collapses with the next block's top margin. */
    private double pendingMargin;

    private Line line;

    private BoxLayout(List<ComputedStyle> styles, double width, double height) {
        this.styles = styles;
        this.width = width;
        this.height = height;
        this.boxes = new Box[styles.size()];
    }

    static List<Box> layout(List<ComputedStyle> styles, double width, double height) {
        BoxLayout l = new BoxLayout(styles, width, height);
        for (int i = 0; i < styles.size(); i++) {
            l.place(i, styles.get(i));
        }
        l.closeLine();
        for (int i = 0; i < styles.size(); i++) {
            l.boxes[i] = l.offset(l.boxes[i], styles.get(i));
        }
        return List.of(l.boxes);
    }

    private void place(int i, ComputedStyle s) {
        double ml = s.marginLeft.resolve(width);
        double mr = s.marginRight.resolve(width);
        double mt = s.marginTop.resolve(width);
        double mb = s.marginBottom.resolve(width);
        if (s.position == Position.ABSOLUTE) {
            placeAbsolute(i, s, ml, mr, mt, mb);
        } else if (s.floating != Side.NONE) {
            closeLine();
            double w = clampWidth(s, s.width == null ? 0 : s.width.resolve(width));
            double h = clampHeight(s, s.height == null ? 0 : s.height.resolve(height));
            double[] at = placeFloat(s.floating, ml + w + mr, mt + h + mb, flowY + pendingMargin, s.clear);
            boxes[i] = new Box(i, at[0] + ml, at[1] + mt, w, h, paintOrder(s, Box.FLOATS), s.objectFit);
        } else if (s.inline()) {
            double w = clampWidth(s, s.width == null ? 0 : s.width.resolve(width));
            double h = clampHeight(s, s.height == null ? 0 : s.height.resolve(height));
            placeInline(i, s, w, h, ml, mr, mt, mb);
        } else {
            closeLine();
            double w = clampWidth(s, s.width == null ? Math.max(0, width - ml - mr) : s.width.resolve(width));
            double h = clampHeight(s, s.height == null ? 0 : s.height.resolve(height));
            double top = flowY + collapse(pendingMargin, mt);
            if (s.clear != Side.NONE) {
                top = Math.max(top, clearance(s.clear));
            }
            boxes[i] = new Box(i, ml, top, w, h, paintOrder(s, Box.BLOCKS), s.objectFit);
            flowY = top + h;
            pendingMargin = mb;
        }
    }

    private void placeAbsolute(int i, ComputedStyle s, double ml, double mr, double mt, double mb) {
        Double left = s.left == null ? null : s.left.resolve(width);
        Double right = s.right == null ? null : s.right.resolve(width);
        Double top = s.top == null ? null : s.top.resolve(height);
        Double bottom = s.bottom == null ? null : s.bottom.resolve(height);
        double w = s.width != null
                ? s.width.resolve(width)
                : left != null && right != null ? Math.max(0, width - left - right - ml - mr) : 0;
        double h = s.height != null
                ? s.height.resolve(height)
                : top != null && bottom != null ? Math.max(0, height - top - bottom - mt - mb) : 0;
        w = clampWidth(s, w);
        h = clampHeight(s, h);
        // Where the box would have been in flow: its static position.
        double staticX = line != null ? line.x : 0;
        double staticY = line != null ? line.top : flowY + pendingMargin;
        double x = left != null ? left + ml : right != null ? width - right - mr - w : staticX + ml;
        double y = top != null ? top + mt : bottom != null ? height - bottom - mb - h : staticY + mt;
        boxes[i] = new Box(i, x, y, w, h, paintOrder(s, 0), s.objectFit);
    }

    private double[] placeFloat(Side side, double mw, double mh, double minY, Side clear) {
        double y = Math.max(minY, floatTop);
        y = Math.max(y, clearance(clear));
        double l;
        double r;
        while (true) {
            l = leftEdge(y);
            r = rightEdge(y);
            if (mw <= r - l + EPS || !narrowed(l, r)) {
                break;
            }
            y = nextFloatBottom(y);
        }
        double x = side == Side.LEFT ? l : r - mw;
        floats.add(new double[] {x, y, x + Math.max(0, mw), y + Math.max(0, mh), side == Side.LEFT ? 0 : 1});
        floatTop = y;
        return new double[] {x, y};
    }

    private void placeInline(int i, ComputedStyle s, double w, double h, double ml, double mr, double mt, double mb) {
        if (line == null) {
            line = new Line(flowY + pendingMargin);
        }
        double mw = ml + w + mr;
        double mh = mt + h + mb;
        while (true) {
            double l = leftEdge(line.top);
            double r = rightEdge(line.top);
            double x = line.items.isEmpty() ? l : line.x;
            if (x + mw <= r + EPS || (line.items.isEmpty() && !narrowed(l, r))) {
                line.items.add(new double[] {i, x + ml, mt, mh, w, h});
                line.x = x + mw;
                line.height = Math.max(line.height, mh);
                return;
            }
            if (!line.items.isEmpty()) {
                double next = line.top + line.height;
                closeLine();
                line = new Line(next);
            } else {
                line.top = nextFloatBottom(line.top);
            }
        }
    }

    /** Sets the line's boxes on its baseline (their bottom margin edges) and moves the flow below it. */
    private void closeLine() {
        if (line == null) {
            return;
        }
        for (double[] item : line.items) {
            int i = (int) item[0];
            ComputedStyle s = styles.get(i);
            double y = line.top + line.height - item[3] + item[2];
            boxes[i] = new Box(i, item[1], y, item[4], item[5], paintOrder(s, Box.INLINES), s.objectFit);
        }
        flowY = line.top + line.height;
        pendingMargin = 0;
        line = null;
    }

    private Box offset(Box b, ComputedStyle s) {
        if (s.position != Position.RELATIVE) {
            return b;
        }
        double dx = s.left != null ? s.left.resolve(width) : s.right != null ? -s.right.resolve(width) : 0;
        double dy = s.top != null ? s.top.resolve(height) : s.bottom != null ? -s.bottom.resolve(height) : 0;
        return new Box(b.index(), b.x() + dx, b.y() + dy, b.width(), b.height(), b.paintOrder(), b.fit());
    }

    private double leftEdge(double y) {
        double edge = 0;
        for (double[] f : floats) {
            if (f[4] == 0 && f[3] > y + EPS) {
                edge = Math.max(edge, f[2]);
            }
        }
        return edge;
    }

    private double rightEdge(double y) {
        double edge = width;
        for (double[] f : floats) {
            if (f[4] == 1 && f[3] > y + EPS) {
                edge = Math.min(edge, f[0]);
            }
        }
        return edge;
    }

    /** True if floats take room at this height; a box too wide for the whole root is placed anyway. */
    private boolean narrowed(double left, double right) {
        return left > EPS || right < width - EPS;
    }

    private double nextFloatBottom(double y) {
        double next = Double.MAX_VALUE;
        for (double[] f : floats) {
            if (f[3] > y + EPS) {
                next = Math.min(next, f[3]);
            }
        }
        return next;
    }

    /** The lowest bottom of the earlier floats a {@code clear} value moves below. */
    private double clearance(Side clear) {
        double bottom = 0;
        for (double[] f : floats) {
            boolean left = f[4] == 0;
            if (clear == Side.BOTH || (clear == Side.LEFT && left) || (clear == Side.RIGHT && !left)) {
                bottom = Math.max(bottom, f[3]);
            }
        }
        return bottom;
    }

    private double clampWidth(ComputedStyle s, double w) {
        return clamp(w, s.minWidth.resolve(width), s.maxWidth == null ? null : s.maxWidth.resolve(width));
    }

    private double clampHeight(ComputedStyle s, double h) {
        return clamp(h, s.minHeight.resolve(height), s.maxHeight == null ? null : s.maxHeight.resolve(height));
    }

    /** CSS order: the maximum applies first, then the minimum wins. */
    private static double clamp(double v, double min, Double max) {
        double capped = max == null ? v : Math.min(v, max);
        return Math.max(min, capped);
    }

    /** Two adjoining vertical margins as one: the largest positive plus the most negative. */
    private static double collapse(double a, double b) {
        return Math.max(0, Math.max(a, b)) + Math.min(0, Math.min(a, b));
    }

    private static int paintOrder(ComputedStyle s, int unpositioned) {
        if (s.position == Position.STATIC) {
            return unpositioned;
        }
        return s.zIndex == null ? 0 : s.zIndex;
    }

    /** A line box being filled with inline streams. */
    private static final class Line {
        double top;
        double x;
        double height;
        /** Per box: index, x, top margin, margin-box height, width, height. */
        final List<double[]> items = new ArrayList<>();

        Line(double top) {
            this.top = top;
        }
    }
}
