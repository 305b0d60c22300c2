package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingOffsetTest {

    private static final long SERVER_EPOCH_MICROS = 1_800_000_000_000_000L;
    private final ArrivalClock arrivals = new ArrivalClock(SERVER_EPOCH_MICROS, 0);

    @Test
    void ntpTimestampsConvertToUnixMicros() {
        // 2026-01-01T00:00:00Z = 1767225600 s since 1970 = 3976214400 s since 1900; fraction 0.5.
        long ntp = (3_976_214_400L << 32) | 0x8000_0000L;
        assertThat(PublisherClock.ntpToEpochMicros(ntp)).isEqualTo(1_767_225_600_500_000L);
    }

    @Test
    void arrivalStandsInUntilASenderReportPlacesTheFirstFrame() {
        PublisherClock publisher = new PublisherClock();
        RecordingOffset offset = new RecordingOffset(publisher, arrivals, 90_000);
        // First frame (RTP 90 000) arrives 2.1 s after the anchor.
        offset.onFirstFrame(90_000, 2_100_000_000L);
        assertThat(offset.source()).isEqualTo(RecordingOffset.Source.ARRIVAL);
        assertThat(offset.millis()).isEqualTo(SERVER_EPOCH_MICROS / 1000 + 2_100);

        // The sender's clock is 10 s behind ours; its report for RTP 180 000 (1 s later) arrives 50 ms
        // after it was sent, at 3.05 s.
        long senderMicros = SERVER_EPOCH_MICROS - 10_000_000 + 3_000_000;
        publisher.onSenderReport(senderMicros, arrivals.epochMicros(3_050_000_000L));
        offset.onSenderReport(ntp(senderMicros), 180_000);

        assertThat(offset.source()).isEqualTo(RecordingOffset.Source.SENDER_REPORT);
        // The frame was captured 1 s before the report: 2.0 s, plus the 50 ms path delay.
        assertThat(offset.millis()).isEqualTo(SERVER_EPOCH_MICROS / 1000 + 2_050);
    }

    @Test
    void theLeastDelayedReportOfAnyStreamOfThePublisherSetsTheMapping() {
        PublisherClock publisher = new PublisherClock();
        publisher.onSenderReport(1_000_000, 5_200_000);
        publisher.onSenderReport(2_000_000, 6_030_000);
        publisher.onSenderReport(3_000_000, 7_400_000);
        assertThat(publisher.toServerMicros(10_000_000)).isEqualTo(14_030_000);
        assertThat(publisher.reports()).isEqualTo(3);
    }

    @Test
    void aReportOnlyAfterTheStreamChangedCannotPlaceTheFirstFrame() {
        PublisherClock publisher = new PublisherClock();
        RecordingOffset offset = new RecordingOffset(publisher, arrivals, 48_000);
        offset.onFirstFrame(1000, 1_000_000_000L);
        offset.onNewStream();
        publisher.onSenderReport(SERVER_EPOCH_MICROS, SERVER_EPOCH_MICROS);
        offset.onSenderReport(ntp(SERVER_EPOCH_MICROS), 55_555);
        assertThat(offset.source()).isEqualTo(RecordingOffset.Source.ARRIVAL);
    }

    @Test
    void rtpTimestampsAcrossTheWrapMapCorrectly() {
        PublisherClock publisher = new PublisherClock();
        publisher.onSenderReport(SERVER_EPOCH_MICROS, SERVER_EPOCH_MICROS);
        RecordingOffset offset = new RecordingOffset(publisher, arrivals, 90_000);
        // Report at RTP 0xFFFF_FF00 (32-bit), frame 90 000 ticks later: past the wrap.
        offset.onSenderReport(ntp(SERVER_EPOCH_MICROS), 0xFFFF_FF00L);
        offset.onFirstFrame(0x1_0000_0000L + 90_000 - 0x100, 0);
        assertThat(offset.millis()).isEqualTo(SERVER_EPOCH_MICROS / 1000 + 1_000);
    }

    private static long ntp(long epochMicros) {
        long seconds = epochMicros / 1_000_000 + 2_208_988_800L;
        long micros = epochMicros % 1_000_000;
        return (seconds << 32) | ((micros << 32) / 1_000_000 + 1);
    }
}
