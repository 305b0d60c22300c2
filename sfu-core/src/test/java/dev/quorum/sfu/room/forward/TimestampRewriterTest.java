package dev.quorum.sfu.room.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampRewriterTest {

    private static final long MS = 1_000_000;

    @Test
    void oneSourceKeepsItsTimestampSpacing() {
        TimestampRewriter r = new TimestampRewriter(90000, 5000);
        assertThat(r.rewrite(123_000, 0)).isEqualTo(5000);
        assertThat(r.rewrite(126_000, 33 * MS)).isEqualTo(8000);
        assertThat(r.map(129_000)).isEqualTo(11000);
    }

    @Test
    void aSwitchAdvancesByTheWallClockTimeThatPassed() {
        TimestampRewriter r = new TimestampRewriter(90000, 0xFFFFFF00L);
        r.rewrite(10, 0);
        long last = r.rewrite(3010, 33 * MS);
        r.rebase();
        long first = r.rewrite(777_777_777L, 133 * MS);
        assertThat((first - last) & 0xFFFFFFFFL).isEqualTo(9000);
        assertThat(r.rewrite(777_780_777L, 166 * MS)).isEqualTo((first + 3000) & 0xFFFFFFFFL);
    }

    @Test
    void aSwitchWithinTheSameInstantStillMovesForward() {
        TimestampRewriter r = new TimestampRewriter(90000, 100);
        long last = r.rewrite(50, 0);
        r.rebase();
        assertThat(r.rewrite(9, 0)).isEqualTo(last + 1);
    }

    @Test
    void olderTimestampsOfTheRunMapWithTheSameOffset() {
        TimestampRewriter r = new TimestampRewriter(48000, 0);
        r.rewrite(1000, 0);
        r.rewrite(1960, 20 * MS);
        assertThat(r.rewrite(1480, 25 * MS)).isEqualTo(480);
    }
}
