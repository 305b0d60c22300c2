package dev.quorum.composer.layout.css;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Everything outside the archive API's CSS subset is refused, and the message names the rule (as
 * written) and, for a declaration, the property, so an API can answer 400 with it.
 */
class StylesheetRefusalsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            nullValues = "-",
            value = {
                // stylesheet                                   | rule           | property | message contains
                "stream > .a { width: 1px; }                    | stream > .a    | -        | the child combinator '>' is not supported",
                ".a .b { width: 1px; }                          | .a .b          | -        | descendant selectors (a space between selectors) are not supported",
                "* { width: 1px; }                              | *              | -        | the universal selector '*' is not supported",
                "stream* { width: 1px; }                        | stream*        | -        | the universal selector '*' is not supported",
                "#main { width: 1px; }                          | #main          | -        | ID selectors ('#…') are not supported",
                "stream[data-x] { width: 1px; }                 | stream[data-x] | -        | attribute selectors ('[…]') are not supported",
                "stream::before { width: 1px; }                 | stream::before | -        | pseudo-elements ('::…') are not supported",
                "stream:hover { width: 1px; }                   | stream:hover   | -        | the pseudo-class ':hover' is not supported",
                "stream:not(.a) { width: 1px; }                 | stream:not(.a) | -        | the pseudo-class ':not' is not supported",
                "stream:only-child { width: 1px; }              | stream:only-child | -     | the pseudo-class ':only-child' is not supported",
                "archive { width: 1px; }                        | archive        | -        | the type selector 'archive' is not supported; only 'stream' may be named",
                "div.a { width: 1px; }                          | div.a          | -        | the type selector 'div' is not supported",
                "stream:nth-child(foo) { width: 1px; }          | stream:nth-child(foo) | - | ':nth-child(foo)' needs an argument of the form an+b, odd or even",
                "stream:nth-last-child(2 of .a) { width: 1px; } | stream:nth-last-child(2 of .a) | - | needs an argument of the form an+b",
                "stream:first-child(2) { width: 1px; }          | stream:first-child(2) | - | ':first-child' takes no argument",
                "stream:nth-child { width: 1px; }               | stream:nth-child | -      | ':nth-child' needs an argument",
                "stream + { width: 1px; }                       | stream +       | -        | the selector ends with a combinator",
                "~ stream { width: 1px; }                       | ~ stream       | -        | the combinator '~' has no selector before it",
                ".a, , .b { width: 1px; }                       | .a, , .b       | -        | the selector list has an empty selector",
                "stream. { width: 1px; }                        | stream.        | -        | a '.' is not followed by a class name",
                "stream.a { border: 1px solid red; }            | stream.a       | border   | the property is not supported; the supported properties are width,",
                "stream.a { padding: 0; }                       | stream.a       | padding  | the property is not supported",
                "stream.a { width: -5px; }                      | stream.a       | width    | '-5px' is not a value it takes; expected a non-negative number in px or %",
                "stream.a { max-height: -1%; }                  | stream.a       | max-height | expected a non-negative number",
                "stream.a { width: 50; }                        | stream.a       | width    | '50' is not a value it takes",
                "stream.a { height: 5em; }                      | stream.a       | height   | '5em' is not a value it takes",
                "stream.a { width: auto; }                      | stream.a       | width    | 'auto' is not a value it takes",
                "stream.a { left: calc(1px + 2px); }            | stream.a       | left     | is not a value it takes; expected a number in px or %",
                "stream.a { position: fixed; }                  | stream.a       | position | 'fixed' is not a value it takes; expected one of relative, absolute",
                "stream.a { position: static; }                 | stream.a       | position | expected one of relative, absolute",
                "stream.a { display: none; }                    | stream.a       | display  | expected one of inline, block, inline-block",
                "stream.a { display: flex; }                    | stream.a       | display  | 'flex' is not a value it takes",
                "stream.a { float: center; }                    | stream.a       | float    | expected one of none, left, right",
                "stream.a { object-fit: fill; }                 | stream.a       | object-fit | expected one of contain, cover",
                "stream.a { overflow: scroll; }                 | stream.a       | overflow | expected one of hidden",
                "stream.a { clear: up; }                        | stream.a       | clear    | expected one of none, left, right, both, initial, inherit",
                "stream.a { z-index: -1; }                      | stream.a       | z-index  | expected a non-negative whole number",
                "stream.a { z-index: auto; }                    | stream.a       | z-index  | expected a non-negative whole number",
                "stream.a { z-index: 1.5; }                     | stream.a       | z-index  | expected a non-negative whole number",
                "stream.a { width: 10px !important; }           | stream.a       | width    | '!important' is not supported",
                "stream.a { margin: 1px 2px 3px 4px 5px; }      | stream.a       | margin   | expected one to four numbers in px or %",
                "stream.a { margin: auto; }                     | stream.a       | margin   | expected one to four numbers in px or %",
                "stream.a { width 10px; }                       | stream.a       | -        | 'width 10px' is not a declaration of the form 'property: value'",
                "stream.a { width: ; }                          | stream.a       | width    | the value is missing",
                "stream.a { width: 10px;                        | stream.a       | -        | the rule's declarations are not closed with '}'",
                "stream.a width: 10px; }                        | stream.a width: 10px; | - | a '}' closes nothing",
                "stream.a { .b { width: 1px; } }                | stream.a       | -        | nested blocks are not supported",
                "stream.a                                       | stream.a       | -        | the rule has no '{' opening its declarations",
                "stream.a\\:hover { width: 1px; }               | stream.a\\:hover | -      | escapes ('\\') in names are not supported",
            })
    void refusesWhatIsOutsideTheSubsetNamingRuleAndProperty(String css, String rule, String property, String message) {
        StylesheetException e = catchThrowableOfType(() -> Stylesheet.parse(css), StylesheetException.class);
        assertThat(e).as(css).isNotNull();
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.property()).isEqualTo(property);
        assertThat(e.getMessage())
                .contains(message)
                .startsWith("stylesheet rule '" + rule + "'"
                        + (property == null ? ": " : ", property '" + property + "': "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "@media screen { stream { width: 1px; } } | the at-rule '@media' is not supported",
                "@import url(x.css);                      | the at-rule '@import' is not supported",
                "stream { width: 1px; } /* open           | a comment opened with '/*' is never closed with '*/'",
                "BLANK                                    | the stylesheet is empty",
                "{ width: 1px; }                          | a '{' block has no selector",
            })
    void refusesSheetsThatAreNotRulesWithoutNamingOne(String css, String message) {
        String text = css.equals("BLANK") ? " \n " : css;
        assertThatThrownBy(() -> Stylesheet.parse(text))
                .isInstanceOf(StylesheetException.class)
                .hasMessage("stylesheet: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "stream.a { width: 10PX; height: 5%; }",
                "STREAM.a { WIDTH: 0; }",
                "/* the speaker */ stream.speaker { position: absolute; top: 0; left: 0; width: 100%; height: 100%; }",
                ".a:nth-child(2n + 1), .b:nth-last-child(-n+3) ~ .c + stream:last-child { z-index: +3; }",
                "stream { margin: 1px; } stream { margin: 1px 2%; } stream { margin: -1px 2px 3px; } stream { margin: 0 0 0 .5px; }",
                "stream { clear: inherit; float: none; overflow: hidden; display: inline; object-fit: cover; }",
                "stream.a { } stream.b { ; ; }",
            })
    void acceptsTheSubset(String css) throws Exception {
        assertThat(Stylesheet.parse(css).cascade(List.of(Set.of("a"), Set.of("b"))))
                .hasSize(2);
    }
}
