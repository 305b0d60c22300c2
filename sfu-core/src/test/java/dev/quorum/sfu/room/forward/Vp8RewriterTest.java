package dev.quorum.sfu.room.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Vp8RewriterTest {

    @Test
    void pictureIdsContinueAcrossASwitch() {
        Vp8Rewriter r = new Vp8Rewriter();
        r.next(100, 7);
        assertThat(r.outPictureId(100)).isEqualTo(100);
        r.next(101, 8);
        r.rebase();
        r.next(30000, 200);
        assertThat(r.outPictureId(30000)).isEqualTo(102);
        assertThat(r.outTl0PicIdx(200)).isEqualTo(9);
        r.next(30001, 200);
        assertThat(r.outPictureId(30001)).isEqualTo(103);
    }

    @Test
    void pictureIdWrapsAt15BitsAndTl0At8Bits() {
        Vp8Rewriter r = new Vp8Rewriter();
        r.next(0x7FFF, 255);
        r.rebase();
        r.next(5, 5);
        assertThat(r.outPictureId(5)).isEqualTo(0);
        assertThat(r.outTl0PicIdx(5)).isEqualTo(0);
    }
}
