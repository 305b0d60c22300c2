package dev.quorum.sfu.room.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {

    private static final long MS = 1_000_000;

    @Test
    void lossIsReportedPerIntervalAndCumulatively() {
        ReceiveStatistics s = new ReceiveStatistics(90000);
        for (long seq = 0; seq < 100; seq++) {
            if (seq % 4 != 2) {
                s.received(65530 + seq, seq * 3000, seq * 33 * MS, false);
            }
        }
        s.closeInterval();
        assertThat(s.extendedHighestSequence()).isEqualTo(65530 + 99);
        assertThat(s.cumulativeLost()).isEqualTo(25);
        assertThat(s.fractionLost()).isEqualTo(64);
        for (long seq = 100; seq < 200; seq++) {
            s.received(65530 + seq, seq * 3000, seq * 33 * MS, false);
        }
        s.closeInterval();
        assertThat(s.fractionLost()).isZero();
        assertThat(s.cumulativeLost()).isEqualTo(25);
    }

    @Test
    void steadyArrivalsHaveNoJitterAndIrregularOnesDo() {
        ReceiveStatistics s = new ReceiveStatistics(90000);
        for (int i = 0; i < 50; i++) {
            s.received(i, i * 3000L, i * 33_333_333L, false);
        }
        assertThat(s.jitter()).isLessThanOrEqualTo(1);
        for (int i = 50; i < 100; i++) {
            s.received(i, i * 3000L, i * 33_333_333L + (i % 2) * 10 * MS, false);
        }
        assertThat(s.jitter()).isGreaterThan(400);
    }

    @Test
    void lastSenderReportAndDelaySinceItAreInRtcpUnits() {
        ReceiveStatistics s = new ReceiveStatistics(48000);
        assertThat(s.lastSenderReport()).isZero();
        s.senderReport(0x1234_5678_9ABC_DEF0L, 1_000 * MS);
        assertThat(s.lastSenderReport()).isEqualTo(0x5678_9ABCL);
        assertThat(s.delaySinceLastSenderReport(1_500 * MS)).isEqualTo(32768);
    }
}
