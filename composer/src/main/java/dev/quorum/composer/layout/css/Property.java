package dev.quorum.composer.layout.css;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The properties of the subset, each with the values it accepts. */
enum Property {
    WIDTH("width", Kind.SIZE),
    HEIGHT("height", Kind.SIZE),
    MIN_WIDTH("min-width", Kind.SIZE),
    MIN_HEIGHT("min-height", Kind.SIZE),
    MAX_WIDTH("max-width", Kind.SIZE),
    MAX_HEIGHT("max-height", Kind.SIZE),
    LEFT("left", Kind.OFFSET),
    RIGHT("right", Kind.OFFSET),
    TOP("top", Kind.OFFSET),
    BOTTOM("bottom", Kind.OFFSET),
    MARGIN_TOP("margin-top", Kind.OFFSET),
    MARGIN_RIGHT("margin-right", Kind.OFFSET),
    MARGIN_BOTTOM("margin-bottom", Kind.OFFSET),
    MARGIN_LEFT("margin-left", Kind.OFFSET),
    Z_INDEX("z-index", Kind.INTEGER),
    POSITION("position", Kind.KEYWORD, "relative", "absolute"),
    DISPLAY("display", Kind.KEYWORD, "inline", "block", "inline-block"),
    FLOAT("float", Kind.KEYWORD, "none", "left", "right"),
    OBJECT_FIT("object-fit", Kind.KEYWORD, "contain", "cover"),
    OVERFLOW("overflow", Kind.KEYWORD, "hidden"),
    CLEAR("clear", Kind.KEYWORD, "none", "left", "right", "both", "initial", "inherit");

    /** Every property name a stylesheet may use, {@code margin} included, for error messages. */
    static final String SUPPORTED = "width, height, min-width, min-height, max-width, max-height, left, right, top,"
            + " bottom, margin, margin-top, margin-right, margin-bottom, margin-left, z-index, position, display,"
            + " float, object-fit, overflow, clear";

    /** The margin shorthand's longhands in the order its values name them. */
    static final List<Property> MARGINS = List.of(MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);

    private static final Pattern LENGTH =
            Pattern.compile("^([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(px|%)?$", Pattern.CASE_INSENSITIVE);

    enum Kind {
        /** A non-negative length in px or %. */
        SIZE,
        /** A length in px or %, negative allowed. */
        OFFSET,
        /** A non-negative whole number. */
        INTEGER,
        /** One of a few words. */
        KEYWORD
    }

    final String cssName;
    final Kind kind;
    final List<String> keywords;

    Property(String cssName, Kind kind, String... keywords) {
        this.cssName = cssName;
        this.kind = kind;
        this.keywords = List.of(keywords);
    }

    static Property named(String name) {
        for (Property p : values()) {
            if (p.cssName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Parses a value of this property.
     *
     * @return the declaration, or null when the value is not one this property accepts
     */
    Declaration parse(String value) {
        String v = value.strip();
        switch (kind) {
            case SIZE, OFFSET -> {
                Length l = length(v);
                if (l == null || (kind == Kind.SIZE && l.value() < 0)) {
                    return null;
                }
                return new Declaration(this, l, 0, null);
            }
            case INTEGER -> {
                if (!v.matches("\\+?\\d{1,9}")) {
                    return null;
                }
                return new Declaration(this, null, Integer.parseInt(v.startsWith("+") ? v.substring(1) : v), null);
            }
            default -> {
                String k = v.toLowerCase(Locale.ROOT);
                return keywords.contains(k) ? new Declaration(this, null, 0, k) : null;
            }
        }
    }

    /** What this property accepts, for an error message. */
    String expected() {
        return switch (kind) {
            case SIZE -> "a non-negative number in px or % (0 may be written without a unit)";
            case OFFSET -> "a number in px or % (0 may be written without a unit)";
            case INTEGER -> "a non-negative whole number";
            case KEYWORD -> "one of " + String.join(", ", keywords);
        };
    }

    /** A number with {@code px} or {@code %}; a unitless number only when it is zero. */
    static Length length(String v) {
        Matcher m = LENGTH.matcher(v);
        if (!m.matches()) {
            return null;
        }
        double number = Double.parseDouble(m.group(1));
        if (Double.isInfinite(number) || Math.abs(number) > 1_000_000) {
            return null;
        }
        if (m.group(2) == null) {
            return number == 0 ? Length.ZERO : null;
        }
        return new Length(number, m.group(2).equals("%"));
    }

    /** One parsed declaration: a length, a whole number or a keyword, as the property takes. */
    record Declaration(Property property, Length length, int integer, String keyword) {}
}
