package dev.quorum.composer.layout.css;

import java.util.Locale;

/**
 * A length of the subset: pixels, or a percentage of a reference the property defines (the
 * container's width for widths, horizontal offsets and every margin; its height for heights and
 * vertical offsets).
 */
public record Length(double value, boolean percent) {

    public static final Length ZERO = new Length(0, false);

    /** The length in pixels against {@code reference} pixels. */
    public double resolve(double reference) {
        return percent ? value * reference / 100 : value;
    }

    @Override
    public String toString() {
        String number =
                value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
        return number + (percent ? "%" : "px");
    }
}
