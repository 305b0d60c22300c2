package dev.quorum.sfu.room.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NackGeneratorTest {

    private static final long MS = 1_000_000;
    private final NackGenerator g = new NackGenerator();
    private final int[] out = new int[64];

    private int[] due(long now, long rtt) {
        return Arrays.copyOf(out, g.due(now, rtt, out));
    }

    @Test
    void aGapIsNackedAtOnce() {
        g.received(10, 0);
        g.received(13, 0);
        assertThat(due(0, 0)).containsExactly(11, 12);
        assertThat(due(1 * MS, 0)).as("not again before the retry interval").isEmpty();
    }

    @Test
    void aRepairRemovesThePacketAndIsReported() {
        g.received(10, 0);
        g.received(13, 0);
        assertThat(g.received(12, MS)).isTrue();
        assertThat(g.received(12, MS)).as("a duplicate repairs nothing").isFalse();
        assertThat(due(MS, 0)).containsExactly(11);
    }

    @Test
    void retriesFollowTheRoundTripTime() {
        g.received(0, 0);
        g.received(2, 0);
        assertThat(due(0, 50 * MS)).containsExactly(1);
        assertThat(due(49 * MS, 50 * MS)).isEmpty();
        assertThat(due(50 * MS, 50 * MS)).containsExactly(1);
    }

    @Test
    void givingUpAfterTheLastRetryAsksForAKeyframe() {
        g.received(0, 0);
        g.received(2, 0);
        long t = 0;
        for (int i = 0; i < NackGenerator.MAX_RETRIES; i++) {
            assertThat(due(t, 10 * MS)).containsExactly(1);
            t += 10 * MS;
        }
        assertThat(due(t, 10 * MS)).isEmpty();
        assertThat(g.takeKeyframeNeeded()).isTrue();
        assertThat(g.takeKeyframeNeeded()).isFalse();
        assertThat(g.missingCount()).isZero();
    }

    @Test
    void aGapTooLargeToRepairAsksForAKeyframeInstead() {
        g.received(0, 0);
        g.received(NackGenerator.MAX_MISSING + 1, 0);
        assertThat(g.missingCount()).isZero();
        assertThat(g.takeKeyframeNeeded()).isTrue();
    }

    @Test
    void sequenceNumbersAreReportedIn16BitsAcrossTheWrap() {
        g.received(65534, 0);
        g.received(65537, 0);
        assertThat(due(0, 0)).containsExactly(65535, 0);
    }

    @Test
    void oldHolesExpire() {
        g.received(0, 0);
        g.received(2, 0);
        due(0, 0);
        assertThat(due(NackGenerator.MAX_AGE_NANOS + MS, 0)).isEmpty();
        assertThat(g.takeKeyframeNeeded()).isTrue();
    }
}
