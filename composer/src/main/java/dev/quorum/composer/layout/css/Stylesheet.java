package dev.quorum.composer.layout.css;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A parsed stylesheet of the subset, applied to the virtual document
 * {@code <archive><stream class="…"/>…</archive>}: one {@code <stream>} per shown video, in
 * priority order, each carrying its layout classes.
 */
public final class Stylesheet {

    /** One selector of a rule with the rule's declarations; {@code order} is the rule's place in the sheet. */
    record Rule(Selector selector, List<Property.Declaration> declarations, int order) {}

    private static final Comparator<Rule> CASCADE_ORDER =
            Comparator.<Rule>comparingInt(r -> r.selector().specificity()).thenComparingInt(Rule::order);

    private final List<Rule> rules;

    Stylesheet(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(CASCADE_ORDER);
        this.rules = List.copyOf(sorted);
    }

    /**
     * Parses CSS text.
     *
     * @throws StylesheetException naming the rule and property outside the subset
     */
    public static Stylesheet parse(String css) throws StylesheetException {
        return StylesheetParser.parse(css);
    }

    /**
     * The style of each {@code <stream>} child: the built-in rules ({@code display: block;
     * margin: 0}) overridden by the matching rules, least specific first, later rules winning ties.
     *
     * @param elements each child's layout classes, in document order
     */
    public List<ComputedStyle> cascade(List<Set<String>> elements) {
        List<ComputedStyle> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            ComputedStyle style = new ComputedStyle();
            for (Rule r : rules) {
                if (r.selector().matches(elements, i)) {
                    r.declarations().forEach(style::apply);
                }
            }
            out.add(style.resolved());
        }
        return out;
    }

    /**
     * Lays the children out in a root of {@code width}×{@code height} pixels.
     *
     * @return one box per child, in document order
     */
    public List<Box> layout(List<Set<String>> elements, double width, double height) {
        return BoxLayout.layout(cascade(elements), width, height);
    }
}
