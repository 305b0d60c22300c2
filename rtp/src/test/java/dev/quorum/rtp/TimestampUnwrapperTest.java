package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampUnwrapperTest {

    private static final long SPACE = 1L << 32;

    @ParameterizedTest(name = "starting at {0}")
    @ValueSource(longs = {0, 32767, 32768, 65535, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
    void advancesThroughTheWrapInVideoSizedSteps(long start) {
        TimestampUnwrapper unwrapper = new TimestampUnwrapper();
        for (long i = 0; i < 3 * SPACE; i += 3000 * 997) {
            assertThat(unwrapper.unwrap((start + i) & 0xFFFFFFFFL)).isEqualTo(start + i);
        }
    }

    @Test
    void aTimestampJustBeforeTheWrapArrivingAfterItStaysBelow() {
        TimestampUnwrapper unwrapper = new TimestampUnwrapper();
        assertThat(unwrapper.unwrap(0xFFFFFF00L)).isEqualTo(0xFFFFFF00L);
        assertThat(unwrapper.unwrap(0x100)).isEqualTo(SPACE + 0x100);
        assertThat(unwrapper.unwrap(0xFFFFFFF0L)).isEqualTo(0xFFFFFFF0L);
        assertThat(unwrapper.unwrap(0x200)).isEqualTo(SPACE + 0x200);
    }

    @Test
    void anOlderTimestampThanTheFirstGoesNegative() {
        TimestampUnwrapper unwrapper = new TimestampUnwrapper();
        assertThat(unwrapper.unwrap(960)).isEqualTo(960);
        assertThat(unwrapper.unwrap(0xFFFFFFFFL - 959)).isEqualTo(-960);
    }

    @Test
    void jumpsOfHalfTheSpaceAreForward() {
        TimestampUnwrapper unwrapper = new TimestampUnwrapper();
        unwrapper.unwrap(0);
        assertThat(unwrapper.unwrap(0x80000000L)).isEqualTo(0x80000000L);
        assertThat(unwrapper.unwrap(0)).isEqualTo(SPACE);
        assertThat(unwrapper.started()).isTrue();
        unwrapper.reset();
        assertThat(unwrapper.started()).isFalse();
        assertThat(unwrapper.unwrap(7)).isEqualTo(7);
    }
}
