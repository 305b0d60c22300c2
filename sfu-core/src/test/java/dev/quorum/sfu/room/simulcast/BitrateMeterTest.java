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
}
