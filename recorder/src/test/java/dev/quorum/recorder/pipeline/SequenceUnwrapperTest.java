package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceUnwrapperTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 32767, 32768, 65535})
    void sequenceNumbersStayMonotonicAcrossTheWrapFromAnyStart(int start) {
        SequenceUnwrapper u = SequenceUnwrapper.sequenceNumbers();
        long first = u.unwrap(start);
        for (int i = 1; i <= 70_000; i++) {
            assertThat(u.unwrap((start + i) & 0xFFFF)).isEqualTo(first + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 32767, 32768, 65535})
    void aReorderedPacketBeforeTheWrapMapsBehind(int start) {
        SequenceUnwrapper u = SequenceUnwrapper.sequenceNumbers();
        long first = u.unwrap(start);
        assertThat(u.unwrap((start - 3) & 0xFFFF)).isEqualTo(first - 3);
        assertThat(u.unwrap((start + 1) & 0xFFFF)).isEqualTo(first + 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL})
    void timestampsUnwrapAcrossThe32BitWrap(long start) {
        SequenceUnwrapper u = SequenceUnwrapper.timestamps();
        long first = u.unwrap(start);
        assertThat(u.unwrap((start + 3000) & 0xFFFF_FFFFL)).isEqualTo(first + 3000);
        assertThat(u.unwrap((start + 1_000_000_000L) & 0xFFFF_FFFFL)).isEqualTo(first + 1_000_000_000L);
        assertThat(u.unwrap((start + 1_000_000_000L - 90_000) & 0xFFFF_FFFFL))
                .isEqualTo(first + 1_000_000_000L - 90_000);
    }
}
