package dev.quorum.sfu.room.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyframeSizeTest {

    @Test
    void aKeyframeIsEveryPacketOfItsPicture() {
        KeyframeSize k = new KeyframeSize();
        assertThat(k.bits()).as("none seen yet").isZero();
        k.packet(1000, 1200, true);
        k.packet(1000, 1200, false);
        k.packet(1000, 600, false);
        k.packet(4000, 300, false); // the next picture, a delta frame
        k.packet(1000, 1200, false); // a retransmission of the keyframe, late
        k.packet(7000, 300, false);
        assertThat(k.bits()).isEqualTo((1200 + 1200 + 600 + 1200) * 8L);
    }

    @Test
    void theLargerOfTheLastTwoKeyframesCounts() {
        KeyframeSize k = new KeyframeSize();
        k.packet(1000, 5000, true);
        k.packet(4000, 300, false);
        k.packet(90_000, 2000, true);
        k.packet(93_000, 300, false);
        assertThat(k.bits()).as("the smaller keyframe after a larger one").isEqualTo(5000 * 8L);
        k.packet(180_000, 1000, true);
        assertThat(k.bits()).as("the larger one is two keyframes back now").isEqualTo(2000 * 8L);
    }
}
