package dev.quorum.sfu.room.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeqRewriterTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 32767, 32768, 65535})
    void aSingleSourceKeepsItsSpacingFromTheInitialNumber(int sourceStart) {
        SeqRewriter r = new SeqRewriter(1000);
        for (int i = 0; i < 5; i++) {
            assertThat(r.rewrite((sourceStart + i) & 0xFFFF)).isEqualTo(1000 + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 32767, 32768, 65535})
    void aSwitchToAnotherSourceContinuesWithoutAGap(int initial) {
        SeqRewriter r = new SeqRewriter(initial);
        r.rewrite(100);
        r.rewrite(101);
        int last = r.rewrite(102);
        r.rebase();
        int first = r.rewrite(40000);
        assertThat(first).isEqualTo((last + 1) & 0xFFFF);
        assertThat(r.rewrite(40001)).isEqualTo((last + 2) & 0xFFFF);
    }

    @Test
    void packetsOfTheOldSourceAfterASwitchAreNotForwarded() {
        SeqRewriter r = new SeqRewriter(0);
        r.rewrite(500);
        r.rebase();
        r.rewrite(7000);
        assertThat(r.rewrite(6999)).as("older than the run start").isEqualTo(-1);
    }

    @Test
    void droppedPacketsLeaveNoGapAndReorderedPacketsKeepTheirPlace() {
        SeqRewriter r = new SeqRewriter(10);
        assertThat(r.rewrite(1)).isEqualTo(10);
        r.drop(2);
        assertThat(r.rewrite(4)).isEqualTo(12);
        assertThat(r.rewrite(3)).as("late packet fills its own slot").isEqualTo(11);
        r.drop(5);
        r.drop(6);
        assertThat(r.rewrite(7)).isEqualTo(13);
        assertThat(r.highest()).isEqualTo(13);
    }

    @Test
    void sourceWrapAroundIsFollowed() {
        SeqRewriter r = new SeqRewriter(65534);
        assertThat(r.rewrite(65535)).isEqualTo(65534);
        assertThat(r.rewrite(0)).isEqualTo(65535);
        assertThat(r.rewrite(1)).isEqualTo(0);
        assertThat(r.rewrite(65535)).as("retransmission across the wrap").isEqualTo(65534);
    }

    @Test
    void manyDropsFoldIntoTheBaseWithoutChangingNewerNumbers() {
        SeqRewriter r = new SeqRewriter(0);
        r.rewrite(0);
        for (int i = 1; i <= 200; i++) {
            r.drop(i);
        }
        assertThat(r.rewrite(201)).isEqualTo(1);
        assertThat(r.rewrite(202)).isEqualTo(2);
    }
}
