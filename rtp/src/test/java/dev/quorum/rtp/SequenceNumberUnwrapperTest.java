package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceNumberUnwrapperTest {

    @ParameterizedTest(name = "starting at {0}")
    @ValueSource(ints = {0, 32767, 32768, 65535})
    void countsUpThroughAnyStartingPointAndAcrossTheWrap(int start) {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        for (int i = 0; i < 200_000; i++) {
            assertThat(unwrapper.unwrap((start + i) & 0xFFFF)).isEqualTo(start + i);
        }
    }

    @Test
    void aLatePacketFromBeforeTheWrapUnwrapsBelowIt() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        assertThat(unwrapper.unwrap(65534)).isEqualTo(65534);
        assertThat(unwrapper.unwrap(1)).isEqualTo(65537);
        assertThat(unwrapper.unwrap(65535)).isEqualTo(65535);
        assertThat(unwrapper.unwrap(0)).isEqualTo(65536);
        assertThat(unwrapper.unwrap(2)).isEqualTo(65538);
    }

    @Test
    void aPacketOlderThanTheFirstGoesNegative() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        assertThat(unwrapper.unwrap(0)).isZero();
        assertThat(unwrapper.unwrap(65535)).isEqualTo(-1);
        assertThat(unwrapper.unwrap(65530)).isEqualTo(-6);
        assertThat(unwrapper.unwrap(3)).isEqualTo(3);
    }

    @Test
    void jumpsUpToHalfTheSpaceAreForward() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        assertThat(unwrapper.unwrap(0)).isZero();
        assertThat(unwrapper.unwrap(32767)).isEqualTo(32767);
        assertThat(unwrapper.unwrap(65535)).isEqualTo(65535);
        assertThat(unwrapper.unwrap(32767)).isEqualTo(65535 + 32768);
        assertThat(unwrapper.unwrap(32768)).isEqualTo(65536 + 32768);
    }

    @Test
    void resetStartsOver() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        unwrapper.unwrap(65535);
        unwrapper.unwrap(5);
        assertThat(unwrapper.last()).isEqualTo(65541);
        unwrapper.reset();
        assertThat(unwrapper.last()).isEqualTo(-1);
        assertThat(unwrapper.unwrap(5)).isEqualTo(5);
    }

    @Test
    void sequenceNumberComparisonsAtTheEdges() {
        assertThat(SequenceNumbers.isNewer(0, 65535)).isTrue();
        assertThat(SequenceNumbers.isNewer(65535, 0)).isFalse();
        assertThat(SequenceNumbers.isNewer(32767, 0)).isTrue();
        assertThat(SequenceNumbers.isNewer(32768, 0)).isTrue();
        assertThat(SequenceNumbers.isNewer(0, 32768)).isFalse();
        assertThat(SequenceNumbers.isNewer(40000, 7232)).isTrue();
        assertThat(SequenceNumbers.isNewer(7232, 40000)).isFalse();
        assertThat(SequenceNumbers.isNewer(5, 5)).isFalse();
        assertThat(SequenceNumbers.delta(65535, 0)).isEqualTo(1);
        assertThat(SequenceNumbers.delta(0, 65535)).isEqualTo(-1);
        assertThat(SequenceNumbers.delta(0, 32768)).isEqualTo(32768);
        assertThat(SequenceNumbers.delta(32768, 0)).isEqualTo(32768);
        assertThat(SequenceNumbers.add(65535, 2)).isEqualTo(1);
    }
}
