package dev.quorum.composer.layout.css;

/**
 * A stylesheet that uses something outside the supported CSS subset, or is not CSS at all. The
 * message is a complete sentence naming the rule (its selector as written) and, where one is at
 * fault, the property, so an API can return it as is.
 */
public final class StylesheetException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String property;

    StylesheetException(String rule, String property, String what) {
        super(describe(rule, property, what));
        this.rule = rule;
        this.property = property;
    }

    private static String describe(String rule, String property, String what) {
        StringBuilder b = new StringBuilder("stylesheet");
        if (rule != null) {
            b.append(" rule '").append(abbreviate(rule)).append('\'');
        }
        if (property != null) {
            b.append(", property '").append(property).append('\'');
        }
        return b.append(": ").append(what).toString();
    }

    static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    /** The selector (or selector list) of the rule at fault, as written; null when no rule is. */
    public String rule() {
        return rule;
    }

    /** The property at fault, or null when the problem is not in a declaration. */
    public String property() {
        return property;
    }
}
