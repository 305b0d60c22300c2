package dev.quorum.composer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RectTest {

    @Test
    void widerPictureIsLetterboxedTopAndBottom() {
        Rect cell = new Rect(0, 0, 320, 240);
        // 16:9 in 4:3: full width, 180 high, centred vertically.
        assertThat(cell.containing(1280, 720)).isEqualTo(new Rect(0, 30, 320, 180));
    }

    @Test
    void tallerPictureIsPillarboxedLeftAndRight() {
        Rect cell = new Rect(320, 0, 320, 240);
        // Portrait 9:16 in 4:3: full height, 134 wide (135 rounded down to even), centred.
        Rect fit = cell.containing(720, 1280);
        assertThat(fit.height()).isEqualTo(240);
        assertThat(fit.width()).isEqualTo(134);
        assertThat(fit.x()).isEqualTo(320 + 92);
    }

    @Test
    void sameAspectFillsTheCellAndSmallPicturesAreScaledUp() {
        assertThat(new Rect(0, 0, 640, 480).containing(160, 120)).isEqualTo(new Rect(0, 0, 640, 480));
    }

    @Test
    void neverLeavesAnOddPlacedCellAndKeepsEvenGeometry() {
        Rect cell = new Rect(333, 17, 211, 101);
        Rect fit = cell.containing(640, 480);
        assertThat(fit.x() % 2).isZero();
        assertThat(fit.y() % 2).isZero();
        assertThat(fit.width() % 2).isZero();
        assertThat(fit.height() % 2).isZero();
        assertThat(fit.x()).isGreaterThanOrEqualTo(cell.x());
        assertThat(fit.y()).isGreaterThanOrEqualTo(cell.y());
        assertThat(fit.right()).isLessThanOrEqualTo(cell.right());
        assertThat(fit.bottom()).isLessThanOrEqualTo(cell.bottom());
        // Aspect is kept within rounding.
        assertThat((double) fit.width() / fit.height()).isCloseTo(4.0 / 3.0, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void tinyCellsGiveNothingToDraw() {
        assertThat(new Rect(0, 0, 1, 1).containing(640, 480).isEmpty()).isTrue();
    }
}
