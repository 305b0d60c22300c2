package dev.quorum.composer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.composer.layout.css.ObjectFit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where a picture lands for a box, and which part of it is shown: letterboxed ({@code contain})
 * or cropped to fill ({@code cover}), clipped to a 640x480 canvas.
 */
class FramingTest {

    static Rect rect(String s) {
        String[] p = s.trim().split("[ ,x]+");
        return new Rect(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // case | box | fit | source | target | crop
                "contain inside the canvas keeps the region rule | 0,0,320x480   | CONTAIN | 320x240 | 0,120,320x240 | 0,0,320x240",
                "cover crops the sides of a wider picture      | 0,0,320x480   | COVER   | 320x240 | 0,0,320x480   | 80,0,160x240",
                "cover crops top and bottom of a taller one    | 0,0,640x240   | COVER   | 320x480 | 0,0,640x240   | 0,180,320x120",
                "cover of the same shape is the whole picture  | 100,100,160x120 | COVER | 320x240 | 100,100,160x120 | 0,0,320x240",
                "contain past the right edge is clipped        | 480,0,320x240 | CONTAIN | 320x240 | 480,0,160x240 | 0,0,160x240",
                "contain past the top edge is clipped          | 0,-120,320x240 | CONTAIN | 640x480 | 0,0,320x120  | 0,240,640x240",
                "cover past the left edge is clipped           | -100,0,200x200 | COVER  | 400x200 | 0,0,100x200   | 200,0,100x200",
                "a box off the canvas shows nothing            | 700,0,100x100 | CONTAIN | 320x240 | 700,0,0x0     | 0,0,0x0",
                "odd box edges round inwards to even pixels    | 1,1,301x201   | COVER   | 300x200 | 2,2,300x200   | 0,0,300x200",
            })
    void framesThePicture(String name, String box, ObjectFit fit, String source, String target, String crop) {
        String[] src = source.split("x");
        Framing f = Framing.of(rect(box), fit, Integer.parseInt(src[0]), Integer.parseInt(src[1]), 640, 480);
        assertThat(f.target()).as(name).isEqualTo(rect(target));
        assertThat(f.crop()).as(name).isEqualTo(rect(crop));
    }
}
