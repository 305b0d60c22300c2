package dev.quorum.composer.layout.css;

/**
 * The values of one {@code <stream>} after the cascade. Absent lengths are {@code auto} (offsets,
 * sizes) or {@code none} (maximum sizes). Following CSS, an absolutely positioned element does not
 * float, and a floated or absolutely positioned one is laid out as a block.
 */
public final class ComputedStyle {

    public enum Position {
        STATIC,
        RELATIVE,
        ABSOLUTE
    }

    public enum Display {
        BLOCK,
        INLINE,
        INLINE_BLOCK
    }

    public enum Side {
        NONE,
        LEFT,
        RIGHT,
        BOTH
    }

    Position position = Position.STATIC;
    Display display = Display.BLOCK;
    Side floating = Side.NONE;
    Side clear = Side.NONE;
    Length width;
    Length height;
    Length minWidth = Length.ZERO;
    Length minHeight = Length.ZERO;
    Length maxWidth;
    Length maxHeight;
    Length left;
    Length right;
    Length top;
    Length bottom;
    Length marginTop = Length.ZERO;
    Length marginRight = Length.ZERO;
    Length marginBottom = Length.ZERO;
    Length marginLeft = Length.ZERO;
    Integer zIndex;
    ObjectFit objectFit = ObjectFit.CONTAIN;

    void apply(Property.Declaration d) {
        switch (d.property()) {
            case WIDTH -> width = d.length();
            case HEIGHT -> height = d.length();
            case MIN_WIDTH -> minWidth = d.length();
            case MIN_HEIGHT -> minHeight = d.length();
            case MAX_WIDTH -> maxWidth = d.length();
            case MAX_HEIGHT -> maxHeight = d.length();
            case LEFT -> left = d.length();
            case RIGHT -> right = d.length();
            case TOP -> top = d.length();
            case BOTTOM -> bottom = d.length();
            case MARGIN_TOP -> marginTop = d.length();
            case MARGIN_RIGHT -> marginRight = d.length();
            case MARGIN_BOTTOM -> marginBottom = d.length();
            case MARGIN_LEFT -> marginLeft = d.length();
            case Z_INDEX -> zIndex = d.integer();
            case POSITION -> position = d.keyword().equals("absolute") ? Position.ABSOLUTE : Position.RELATIVE;
            case DISPLAY ->
                display = switch (d.keyword()) {
                    case "inline" -> Display.INLINE;
                    case "inline-block" -> Display.INLINE_BLOCK;
                    default -> Display.BLOCK;
                };
            case FLOAT -> floating = side(d.keyword());
            case CLEAR -> clear = side(d.keyword());
            case OBJECT_FIT -> objectFit = d.keyword().equals("cover") ? ObjectFit.COVER : ObjectFit.CONTAIN;
            case OVERFLOW -> {
                // Only 'hidden' is accepted, and a stream's picture never leaves its box anyway.
            }
        }
    }

    /** Applies the CSS 2.1 §9.7 relationships between position, float and display. */
    ComputedStyle resolved() {
        if (position == Position.ABSOLUTE) {
            floating = Side.NONE;
        }
        if (position == Position.ABSOLUTE || floating != Side.NONE) {
            display = Display.BLOCK;
        }
        return this;
    }

    private static Side side(String keyword) {
        return switch (keyword) {
            case "left" -> Side.LEFT;
            case "right" -> Side.RIGHT;
            case "both" -> Side.BOTH;
            default -> Side.NONE; // none, and initial/inherit: the root never clears
        };
    }

    public Position position() {
        return position;
    }

    public Side floating() {
        return floating;
    }

    public Integer zIndex() {
        return zIndex;
    }

    public ObjectFit objectFit() {
        return objectFit;
    }

    boolean inline() {
        return display != Display.BLOCK;
    }
}
