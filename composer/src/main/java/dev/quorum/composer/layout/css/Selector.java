package dev.quorum.composer.layout.css;

import java.util.List;
import java.util.Set;

/**
 * A complex selector of the subset: compound selectors ({@code stream}, classes, structural
 * pseudo-classes) joined by the adjacent ({@code +}) and general ({@code ~}) sibling combinators.
 * Every element it can match is a {@code <stream>} child of the root.
 *
 * @param compounds   left to right
 * @param combinators {@code combinators[i]} joins {@code compounds[i]} and {@code compounds[i + 1]}:
 *                    {@code '+'} or {@code '~'}
 */
record Selector(String text, List<Compound> compounds, List<Character> combinators) {

    Selector {
        compounds = List.copyOf(compounds);
        combinators = List.copyOf(combinators);
    }

    /** A structural pseudo-class. */
    enum Position {
        FIRST_CHILD,
        LAST_CHILD,
        NTH_CHILD,
        NTH_LAST_CHILD
    }

    record Pseudo(Position position, Nth nth) {

        boolean matches(int index, int count) {
            return switch (position) {
                case FIRST_CHILD -> index == 1;
                case LAST_CHILD -> index == count;
                case NTH_CHILD -> nth.matches(index);
                case NTH_LAST_CHILD -> nth.matches(count - index + 1);
            };
        }
    }

    /** {@code stream.a.b:first-child}: all parts must hold; {@code typed} when {@code stream} is named. */
    record Compound(boolean typed, Set<String> classes, List<Pseudo> pseudos) {

        Compound {
            classes = Set.copyOf(classes);
            pseudos = List.copyOf(pseudos);
        }

        boolean matches(List<Set<String>> elements, int i) {
            if (!elements.get(i).containsAll(classes)) {
                return false;
            }
            for (Pseudo p : pseudos) {
                if (!p.matches(i + 1, elements.size())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Specificity as one comparable number: classes and pseudo-classes, then type selectors. */
    int specificity() {
        int classes = 0;
        int types = 0;
        for (Compound c : compounds) {
            classes += c.classes().size() + c.pseudos().size();
            types += c.typed() ? 1 : 0;
        }
        return classes * 1000 + types;
    }

    /**
     * True if the element at {@code index} among the root's children matches.
     *
     * @param elements each child's classes, in document order
     */
    boolean matches(List<Set<String>> elements, int index) {
        return matches(elements, index, compounds.size() - 1);
    }

    private boolean matches(List<Set<String>> elements, int index, int part) {
        if (!compounds.get(part).matches(elements, index)) {
            return false;
        }
        if (part == 0) {
            return true;
        }
        if (combinators.get(part - 1) == '+') {
            return index > 0 && matches(elements, index - 1, part - 1);
        }
        for (int j = index - 1; j >= 0; j--) {
            if (matches(elements, j, part - 1)) {
                return true;
            }
        }
        return false;
    }
}
