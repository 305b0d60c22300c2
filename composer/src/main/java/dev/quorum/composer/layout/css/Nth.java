package dev.quorum.composer.layout.css;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code an+b} argument of {@code :nth-child()} and {@code :nth-last-child()}. */
record Nth(int a, int b) {

    private static final Pattern AN_B = Pattern.compile("^([+-]?\\d*)n([+-]\\d+)?$");
    private static final Pattern B = Pattern.compile("^[+-]?\\d+$");

    /** Parses {@code odd}, {@code even}, {@code b} or {@code an+b}; null when it is none of these. */
    static Nth parse(String text) {
        String t = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (t.equals("odd")) {
            return new Nth(2, 1);
        }
        if (t.equals("even")) {
            return new Nth(2, 0);
        }
        try {
            if (B.matcher(t).matches()) {
                return new Nth(0, Integer.parseInt(t));
            }
            Matcher m = AN_B.matcher(t);
            if (!m.matches()) {
                return null;
            }
            String a = m.group(1);
            int coefficient = a.isEmpty() || a.equals("+") ? 1 : a.equals("-") ? -1 : Integer.parseInt(a);
            int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            return new Nth(coefficient, offset);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** True if position {@code index} (1-based) is {@code a·n + b} for some n ≥ 0. */
    boolean matches(int index) {
        if (a == 0) {
            return index == b;
        }
        long diff = (long) index - b;
        return diff % a == 0 && diff / a >= 0;
    }
}
