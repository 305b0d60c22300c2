package dev.quorum.composer.layout.css;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a stylesheet of the supported subset and refuses everything else with a
 * {@link StylesheetException} naming the rule and property at fault: at-rules, {@code !important},
 * the universal, ID, attribute, descendant and child selectors, pseudo-elements, other
 * pseudo-classes, unknown properties and values a property does not take.
 */
final class StylesheetParser {

    /** Longer stylesheets are refused: a layout needs a few hundred bytes. */
    static final int MAX_LENGTH = 64 * 1024;

    private final String css;
    private int pos;
    private int order;
    private final List<Stylesheet.Rule> rules = new ArrayList<>();

    private StylesheetParser(String css) {
        this.css = css;
    }

    static Stylesheet parse(String text) throws StylesheetException {
        if (text == null || text.isBlank()) {
            throw new StylesheetException(null, null, "the stylesheet is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new StylesheetException(null, null, "the stylesheet is longer than " + MAX_LENGTH + " characters");
        }
        StylesheetParser p = new StylesheetParser(withoutComments(text));
        p.rules();
        return new Stylesheet(p.rules);
    }

    private static String withoutComments(String text) throws StylesheetException {
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("/*", i);
            if (open < 0) {
                b.append(text, i, text.length());
                break;
            }
            int close = text.indexOf("*/", open + 2);
            if (close < 0) {
                throw new StylesheetException(null, null, "a comment opened with '/*' is never closed with '*/'");
            }
            b.append(text, i, open).append(' ');
            i = close + 2;
        }
        return b.toString();
    }

    private void rules() throws StylesheetException {
        while (true) {
            skipSpace();
            if (pos >= css.length()) {
                return;
            }
            int open = indexOfAny(pos, "{}");
            String head = css.substring(pos, open < 0 ? css.length() : open).strip();
            if (head.startsWith("@")) {
                String name = head.split("[\\s;{(]", 2)[0];
                throw new StylesheetException(null, null, "the at-rule '" + name + "' is not supported");
            }
            if (open < 0) {
                throw new StylesheetException(head, null, "the rule has no '{' opening its declarations");
            }
            if (css.charAt(open) == '}') {
                throw new StylesheetException(head.isEmpty() ? null : head, null, "a '}' closes nothing");
            }
            if (head.isEmpty()) {
                throw new StylesheetException(null, null, "a '{' block has no selector");
            }
            int close = indexOfAny(open + 1, "{}");
            if (close < 0) {
                throw new StylesheetException(head, null, "the rule's declarations are not closed with '}'");
            }
            if (css.charAt(close) == '{') {
                throw new StylesheetException(head, null, "nested blocks are not supported");
            }
            List<Selector> selectors = selectorList(head);
            List<Property.Declaration> declarations = declarations(head, css.substring(open + 1, close));
            for (Selector s : selectors) {
                rules.add(new Stylesheet.Rule(s, declarations, order));
            }
            order++;
            pos = close + 1;
        }
    }

    private List<Selector> selectorList(String head) throws StylesheetException {
        List<Selector> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= head.length(); i++) {
            char c = i < head.length() ? head.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                String one = head.substring(start, i).strip();
                if (one.isEmpty()) {
                    throw new StylesheetException(head, null, "the selector list has an empty selector");
                }
                out.add(SelectorParser.parse(one));
                start = i + 1;
            }
        }
        return out;
    }

    private static List<Property.Declaration> declarations(String rule, String block) throws StylesheetException {
        List<Property.Declaration> out = new ArrayList<>();
        for (String item : block.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new StylesheetException(
                        rule,
                        null,
                        "'" + StylesheetException.abbreviate(item)
                                + "' is not a declaration of the form 'property: value'");
            }
            String name = item.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = item.substring(colon + 1).strip();
            if (value.toLowerCase(Locale.ROOT).replaceAll("\\s+", "").endsWith("!important")) {
                throw new StylesheetException(rule, name, "'!important' is not supported");
            }
            if (value.isEmpty()) {
                throw new StylesheetException(rule, name, "the value is missing");
            }
            if (name.equals("margin")) {
                out.addAll(margin(rule, value));
                continue;
            }
            Property p = Property.named(name);
            if (p == null) {
                throw new StylesheetException(
                        rule,
                        name,
                        "the property is not supported; the supported properties are " + Property.SUPPORTED);
            }
            Property.Declaration d = p.parse(value);
            if (d == null) {
                throw new StylesheetException(
                        rule,
                        name,
                        "'" + StylesheetException.abbreviate(value) + "' is not a value it takes; expected "
                                + p.expected());
            }
            out.add(d);
        }
        return out;
    }

    /** The {@code margin} shorthand: one to four lengths, top, right, bottom, left as CSS spreads them. */
    private static List<Property.Declaration> margin(String rule, String value) throws StylesheetException {
        String[] parts = value.strip().split("\\s+");
        List<Length> ls = new ArrayList<>();
        for (String part : parts) {
            Length l = Property.length(part);
            if (l == null || parts.length > 4) {
                throw new StylesheetException(
                        rule,
                        "margin",
                        "'" + StylesheetException.abbreviate(value)
                                + "' is not a value it takes; expected one to four numbers in px or %");
            }
            ls.add(l);
        }
        Length top = ls.get(0);
        Length right = ls.size() > 1 ? ls.get(1) : top;
        Length bottom = ls.size() > 2 ? ls.get(2) : top;
        Length left = ls.size() > 3 ? ls.get(3) : right;
        List<Length> spread = List.of(top, right, bottom, left);
        List<Property.Declaration> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(new Property.Declaration(Property.MARGINS.get(i), spread.get(i), 0, null));
        }
        return out;
    }

    private int indexOfAny(int from, String chars) {
        for (int i = from; i < css.length(); i++) {
            if (chars.indexOf(css.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private void skipSpace() {
        while (pos < css.length() && Character.isWhitespace(css.charAt(pos))) {
            pos++;
        }
    }

    /** Parses one complex selector. */
    static final class SelectorParser {

        private final String text;
        private int i;

        private SelectorParser(String text) {
            this.text = text;
        }

        static Selector parse(String text) throws StylesheetException {
            return new SelectorParser(text).selector();
        }

        private Selector selector() throws StylesheetException {
            List<Selector.Compound> compounds = new ArrayList<>();
            List<Character> combinators = new ArrayList<>();
            boolean space = false;
            boolean expectCompound = true;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    space = true;
                    i++;
                } else if (c == '+' || c == '~') {
                    if (expectCompound) {
                        throw fail("the combinator '" + c + "' has no selector before it");
                    }
                    combinators.add(c);
                    expectCompound = true;
                    space = false;
                    i++;
                } else if (c == '>') {
                    throw fail("the child combinator '>' is not supported; select streams by class, or use '+' or '~'");
                } else {
                    if (!expectCompound && space) {
                        throw fail("descendant selectors (a space between selectors) are not supported;"
                                + " select streams by class, or use '+' or '~'");
                    }
                    compounds.add(compound());
                    expectCompound = false;
                    space = false;
                }
            }
            if (expectCompound) {
                throw fail("the selector ends with a combinator");
            }
            return new Selector(text, compounds, combinators);
        }

        private Selector.Compound compound() throws StylesheetException {
            boolean typed = false;
            Set<String> classes = new LinkedHashSet<>();
            List<Selector.Pseudo> pseudos = new ArrayList<>();
            char first = text.charAt(i);
            if (first == '*') {
                throw fail("the universal selector '*' is not supported");
            }
            if (isNameChar(first)) {
                String type = name();
                if (!type.toLowerCase(Locale.ROOT).equals("stream")) {
                    throw fail("the type selector '" + type + "' is not supported; only 'stream' may be named");
                }
                typed = true;
            }
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '.') {
                    i++;
                    String cls = name();
                    if (cls.isEmpty()) {
                        throw fail("a '.' is not followed by a class name");
                    }
                    classes.add(cls);
                } else if (c == ':') {
                    pseudos.add(pseudo());
                } else if (c == '#') {
                    throw fail("ID selectors ('#…') are not supported; use classes");
                } else if (c == '[') {
                    throw fail("attribute selectors ('[…]') are not supported; use classes");
                } else if (Character.isWhitespace(c) || c == '+' || c == '~' || c == '>') {
                    break;
                } else if (c == '*') {
                    throw fail("the universal selector '*' is not supported");
                } else {
                    throw fail("'" + c + "' is not allowed here");
                }
            }
            return new Selector.Compound(typed, classes, pseudos);
        }

        private Selector.Pseudo pseudo() throws StylesheetException {
            i++;
            if (i < text.length() && text.charAt(i) == ':') {
                throw fail("pseudo-elements ('::…') are not supported");
            }
            String name = name().toLowerCase(Locale.ROOT);
            String arg = null;
            if (i < text.length() && text.charAt(i) == '(') {
                int close = text.indexOf(')', i);
                if (close < 0) {
                    throw fail("':" + name + "(' is not closed with ')'");
                }
                arg = text.substring(i + 1, close);
                i = close + 1;
            }
            Selector.Position position = switch (name) {
                case "first-child" -> Selector.Position.FIRST_CHILD;
                case "last-child" -> Selector.Position.LAST_CHILD;
                case "nth-child" -> Selector.Position.NTH_CHILD;
                case "nth-last-child" -> Selector.Position.NTH_LAST_CHILD;
                default ->
                    throw fail("the pseudo-class ':" + name + "' is not supported; the supported ones are"
                            + " :first-child, :last-child, :nth-child() and :nth-last-child()");
            };
            boolean takesArgument =
                    position == Selector.Position.NTH_CHILD || position == Selector.Position.NTH_LAST_CHILD;
            if (takesArgument != (arg != null)) {
                throw fail(
                        takesArgument
                                ? "':" + name + "' needs an argument, e.g. ':" + name + "(2n+1)'"
                                : "':" + name + "' takes no argument");
            }
            Nth nth = null;
            if (takesArgument) {
                nth = Nth.parse(arg);
                if (nth == null) {
                    throw fail("':" + name + "(" + arg + ")' needs an argument of the form an+b, odd or even");
                }
            }
            return new Selector.Pseudo(position, nth);
        }

        private String name() throws StylesheetException {
            int start = i;
            while (i < text.length() && isNameChar(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '\\') {
                throw fail("escapes ('\\') in names are not supported");
            }
            return text.substring(start, i);
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c >= 0x80;
        }

        private StylesheetException fail(String what) {
            return new StylesheetException(text, null, what);
        }
    }
}
