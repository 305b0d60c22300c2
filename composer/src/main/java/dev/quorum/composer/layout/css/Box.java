package dev.quorum.composer.layout.css;

/**
 * Where one {@code <stream>} lies in the root, in pixels from its top-left corner (may reach
 * outside it; the root clips), and when it is painted.
 *
 * @param index      the element's place among the root's children
 * @param paintOrder painted in ascending order, ties in document order: in-flow blocks, then
 *                   floats, then inline boxes, then positioned boxes by {@code z-index}
 *                   ({@code auto} counting as 0)
 */
public record Box(int index, double x, double y, double width, double height, int paintOrder, ObjectFit fit) {

    static final int BLOCKS = -3;
    static final int FLOATS = -2;
    static final int INLINES = -1;
}
