package dev.quorum.composer.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    static final long T0 = 1_700_000_000_000L;

    static long[] iv(long fromS, long toS) {
        return new long[] {T0 + fromS * 1000, T0 + toS * 1000};
    }

    @Test
    void initialGapIsAlwaysRemoved() {
        Timeline trimmed = Timeline.of(List.of(iv(5, 10)), true);
        Timeline kept = Timeline.of(List.of(iv(5, 10)), false);
        for (Timeline t : List.of(trimmed, kept)) {
            assertThat(t.durationMs()).isEqualTo(5000);
            assertThat(t.originMs()).isEqualTo(T0 + 5000);
            assertThat(t.roomMicrosAt(0)).isEqualTo((T0 + 5000) * 1000);
        }
    }

    @Test
    void trimCutsLaterGapsWhereNothingIsActive() {
        Timeline t = Timeline.of(List.of(iv(0, 4), iv(2, 6), iv(10, 12)), true);
        assertThat(t.spans()).containsExactly(new Span(T0, T0 + 6000, 0), new Span(T0 + 10_000, T0 + 12_000, 6000));
        assertThat(t.durationMs()).isEqualTo(8000);
        // Output 6.5 s shows room 10.5 s.
        assertThat(t.roomMicrosAt(6_500_000)).isEqualTo((T0 + 10_500) * 1000);
        assertThat(t.outputMsAt(T0 + 8000)).isEqualTo(-1);
        assertThat(t.outputMsAt(T0 + 11_000)).isEqualTo(7000);
    }

    @Test
    void withoutTrimGapsStay() {
        Timeline t = Timeline.of(List.of(iv(3, 4), iv(10, 12)), false);
        assertThat(t.spans()).containsExactly(new Span(T0 + 3000, T0 + 12_000, 0));
        assertThat(t.durationMs()).isEqualTo(9000);
        assertThat(t.roomMicrosAt(5_000_000)).isEqualTo((T0 + 8000) * 1000);
    }

    @Test
    void touchingIntervalsMergeAndEmptyOnesAreIgnored() {
        Timeline t = Timeline.of(List.of(iv(0, 2), iv(2, 3), iv(7, 7)), true);
        assertThat(t.spans()).containsExactly(new Span(T0, T0 + 3000, 0));
        assertThat(Timeline.of(List.of(), true).isEmpty()).isTrue();
        assertThat(Timeline.of(List.of(), true).durationMs()).isZero();
    }

    @Test
    void pastTheEndMapsToTheEnd() {
        Timeline t = Timeline.of(List.of(iv(0, 2)), true);
        assertThat(t.roomMicrosAt(9_000_000)).isEqualTo((T0 + 2000) * 1000);
        assertThat(t.spanAtOutput(2000)).isNull();
    }
}
