package dev.quorum.composer.layout.css;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The geometry CSS gives the virtual archive document, case by case: each row is a stylesheet,
 * the class lists of the {@code <stream>} children on a 640x480 root, and the border box of each
 * child as {@code x y width height} (rounded to 0.01 px), as a browser lays them out.
 */
class BoxLayoutTest {

    static List<Set<String>> document(String classes) {
        List<Set<String>> out = new ArrayList<>();
        for (String element : classes.split(",", -1)) {
            out.add(new LinkedHashSet<>(Arrays.asList(
                    element.isBlank() ? new String[0] : element.trim().split("\\s+"))));
        }
        return out;
    }

    static String boxes(String css, String classes) throws Exception {
        return Stylesheet.parse(css).layout(document(classes), 640, 480).stream()
                .map(b -> String.format(Locale.ROOT, "%s %s %s %s", n(b.x()), n(b.y()), n(b.width()), n(b.height())))
                .collect(Collectors.joining(" / "));
    }

    private static String n(double v) {
        double r = Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // case | stylesheet | classes, one list per stream | boxes
                "the archive docs' two-stream sample | stream.main { position: absolute; left: 0; top: 0; width: 100%; height: 100%; z-index: 100; }"
                        + " stream.lower-left { position: absolute; left: 10%; bottom: 10%; width: 20%; height: 20%; z-index: 200; }"
                        + " | main, lower-left | 0 0 640 480 / 64 336 128 96",
                "absolute from right and bottom with margins | stream { position: absolute; right: 10px; bottom: 20px; width: 100px;"
                        + " height: 50px; margin: 5px; } | a | 525 405 100 50",
                "absolute sized by opposite offsets | stream { position: absolute; left: 10%; right: 10%; top: 0; bottom: 50%; }"
                        + " | a | 64 0 512 240",
                "absolute width wins over right | stream { position: absolute; left: 10px; right: 10px; width: 100px; height: 10px; }"
                        + " | a | 10 0 100 10",
                "unsized absolute is empty | stream { position: absolute; left: 5px; top: 5px; } | a | 5 5 0 0",
                "floats wrap to the next line | stream { float: left; width: 40%; height: 100px; } | a,b,c"
                        + " | 0 0 256 100 / 256 0 256 100 / 0 100 256 100",
                "right floats stack leftwards | stream { float: right; width: 100px; height: 100px; } | a,b"
                        + " | 540 0 100 100 / 440 0 100 100",
                "a float that fits between left and right floats does not | .l { float: left; width: 300px; height: 50px; }"
                        + " .r { float: right; width: 300px; height: 50px; } | l,r,l | 0 0 300 50 / 340 0 300 50 / 0 50 300 50",
                "floats step down past shorter floats | .a { float: left; width: 320px; height: 100px; }"
                        + " .b { float: left; width: 160px; height: 50px; } .c { float: left; width: 300px; height: 40px; }"
                        + " | a,b,c | 0 0 320 100 / 320 0 160 50 / 320 50 300 40",
                "clear moves a float below earlier floats | stream { float: left; width: 100px; height: 100px; }"
                        + " stream.c { clear: left; } | a,c | 0 0 100 100 / 0 100 100 100",
                "clear right ignores left floats | stream { float: left; width: 100px; height: 100px; } stream.c { clear: right; }"
                        + " | a,c | 0 0 100 100 / 100 0 100 100",
                "clear both on a block | .f { float: right; width: 100px; height: 70px; } .b { clear: both; height: 10px; }"
                        + " | f,b | 540 0 100 70 / 0 70 640 10",
                "floats keep their margins | stream { float: left; width: 100px; height: 100px; margin: 10px; } | a,b"
                        + " | 10 10 100 100 / 130 10 100 100",
                "no float starts above an earlier one | .tall { float: left; width: 600px; height: 100px; }"
                        + " .r { float: right; width: 100px; height: 10px; } .l { float: left; width: 10px; height: 10px; }"
                        + " | tall,r,l | 0 0 600 100 / 540 100 100 10 / 0 100 10 10",
                "in-flow blocks fill the width and collapse margins | stream { height: 100px; margin: 10px 20px; } | a,b"
                        + " | 20 10 600 100 / 20 120 600 100",
                "negative and positive margins collapse to their sum | .a { height: 10px; margin-bottom: 30px; }"
                        + " .b { height: 10px; margin-top: -10px; } | a,b | 0 0 640 10 / 0 30 640 10",
                "blocks are not pushed by floats | .f { float: left; width: 100px; height: 100px; } .b { height: 50px; }"
                        + " | f,b | 0 0 100 100 / 0 0 640 50",
                "percent vertical margins resolve against the width | stream { float: left; margin-top: 60%; width: 20%;"
                        + " height: 20%; } | a,b | 0 384 128 96 / 128 384 128 96",
                "min and max clamp the size | stream { position: absolute; width: 10%; min-width: 100px; height: 90%;"
                        + " max-height: 200px; } | a | 0 0 100 200",
                "min wins over max | stream { float: left; width: 50px; max-width: 10px; min-width: 20px; height: 1px; } | a"
                        + " | 0 0 20 1",
                "relative positioning shifts after layout | stream { float: left; width: 100px; height: 100px;"
                        + " position: relative; left: 10px; top: -5px; } | a,b | 10 -5 100 100 / 110 -5 100 100",
                "relative with right and bottom | stream { height: 10px; position: relative; right: 10px; bottom: 20%; } | a"
                        + " | -10 -96 640 10",
                "inline blocks share a line on their bottom edge | stream { display: inline-block; width: 300px; height: 100px; }"
                        + " stream.t { height: 150px; } | ,t, | 0 50 300 100 / 300 0 300 150 / 0 150 300 100",
                "inline boxes flow beside floats | .f { float: left; width: 100px; height: 100px; }"
                        + " .i { display: inline; width: 200px; height: 50px; } | f,i,i,i"
                        + " | 0 0 100 100 / 100 0 200 50 / 300 0 200 50 / 100 50 200 50",
                "absolute falls back to its static position | .b { height: 40px; margin-bottom: 5px; }"
                        + " .a { position: absolute; width: 10px; height: 10px; margin-left: 3px; } | b,a | 0 0 640 40 / 3 45 10 10",
            })
    void laysOutLikeABrowser(String name, String css, String classes, String expected) throws Exception {
        assertThat(boxes(css, classes)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "type, class and position | stream { position: absolute; width: 10px; height: 10px; }"
                        + " stream:nth-child(2n+1) { left: 100px; } stream:first-child { left: 7px; }"
                        + " stream.x + stream { top: 50px; } stream.x ~ stream.y { width: 20px; }"
                        + " stream:nth-last-child(1) { height: 30px; } | x,,y,y"
                        + " | 7 0 10 10 / 0 50 10 10 / 100 0 20 10 / 0 0 20 30",
                "odd, even and -n+b | stream { position: absolute; width: 1px; height: 1px; } stream:nth-child(odd) { left: 1px; }"
                        + " stream:nth-child(even) { left: 2px; } stream:nth-last-child(-n+2) { top: 9px; } | ,,,"
                        + " | 1 0 1 1 / 2 0 1 1 / 1 9 1 1 / 2 9 1 1",
                "a later rule wins at equal specificity | .a { position: absolute; width: 5px; } .b { width: 6px; } | a b"
                        + " | 0 0 6 0",
                "a more specific rule wins over a later one | stream.a.b { position: absolute; width: 5px; }"
                        + " stream.a { width: 6px; } .b { width: 7px; } | a b | 0 0 5 0",
                "a class selector outweighs the type selector | .a { position: absolute; width: 5px; } stream { width: 6px; }"
                        + " | a | 0 0 5 0",
                "the general sibling needs an earlier match | stream { position: absolute; width: 1px; } .x ~ .y { width: 2px; }"
                        + " | y,x,z,y | 0 0 1 0 / 0 0 1 0 / 0 0 1 0 / 0 0 2 0",
                "the adjacent sibling needs the one just before | stream { position: absolute; width: 1px; }"
                        + " .x + .y { width: 2px; } | x,y,z,y | 0 0 1 0 / 0 0 2 0 / 0 0 1 0 / 0 0 1 0",
                "first-child:nth-last-child counts the siblings | stream { position: absolute; width: 1px; }"
                        + " stream:first-child:nth-last-child(3), stream:first-child:nth-last-child(3) ~ stream { width: 3px; }"
                        + " | ,, | 0 0 3 0 / 0 0 3 0 / 0 0 3 0",
                "classes are case-sensitive | stream { position: absolute; width: 1px; } .Focus { width: 2px; } | focus"
                        + " | 0 0 1 0",
            })
    void selectorsMatchTheDocument(String name, String css, String classes, String expected) throws Exception {
        assertThat(boxes(css, classes)).as(name).isEqualTo(expected);
    }

    @Test
    void paintOrderPutsBlocksThenFloatsThenInlinesThenPositionedByZIndex() throws Exception {
        List<Box> boxes = Stylesheet.parse(".b { height: 1px; } .f { float: left; } .i { display: inline-block; }"
                        + " .p { position: relative; } .z { position: absolute; z-index: 5; } .s { z-index: 9; }")
                .layout(document("z,p,i,f,b,s"), 640, 480);
        // z-index applies to positioned boxes only; the unpositioned .s stays a block.
        assertThat(boxes)
                .extracting(Box::paintOrder)
                .containsExactly(5, 0, Box.INLINES, Box.FLOATS, Box.BLOCKS, Box.BLOCKS);
    }

    @Test
    void objectFitIsContainUnlessCoverIsAsked() throws Exception {
        List<Box> boxes = Stylesheet.parse(".c { object-fit: cover; }").layout(document("a,c"), 640, 480);
        assertThat(boxes).extracting(Box::fit).containsExactly(ObjectFit.CONTAIN, ObjectFit.COVER);
    }

    @Test
    void absolutePositioningStopsFloatingAndInlineLayout() throws Exception {
        // Both would float or flow inline; position: absolute takes them out of flow at the root's origin.
        assertThat(boxes(
                        "stream { float: left; display: inline; position: absolute; width: 10px; height: 10px; }",
                        "a,b"))
                .isEqualTo("0 0 10 10 / 0 0 10 10");
    }
}
