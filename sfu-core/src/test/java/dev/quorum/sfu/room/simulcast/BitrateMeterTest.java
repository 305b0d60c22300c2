package dev.quorum.sfu.room.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BitrateMeterTest {

    private static final long MS = 1_000_000;

    @Test
    void measuresTheLastSecond() {
        BitrateMeter m = new BitrateMeter();
        for (int i = 0; i < 100; i++) {
            m.add(1250, i * 10 * MS);
        }
        assertThat(m.bitrate(999 * MS)).isEqualTo(1_000_000);
        assertThat(m.bitrate(1_550 * MS)).isBetween(400_000L, 500_000L);
        assertThat(m.bitrate(3_000 * MS)).isZero();
    }

    @Test
    void aMeterYoungerThanASecondMeasuresTheTimeItHasSeen() {
        BitrateMeter m = new BitrateMeter();
        for (int i = 0; i < 70; i++) {
            m.add(1250, i * 10 * MS);
        }
        assertThat(m.bitrate(699 * MS)).as("1 Mbit/s for 700 ms").isEqualTo(1_000_000);
        BitrateMeter young = new BitrateMeter();
        young.add(12_500, 0);
        assertThat(young.bitrate(50 * MS))
                .as("a first burst is read over half a second, not 100 ms")
                .isEqualTo(200_000);
    }
}
