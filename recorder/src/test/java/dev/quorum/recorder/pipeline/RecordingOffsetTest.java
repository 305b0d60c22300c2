package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingOffsetTest {

    private static final long SERVER_EPOCH_MICROS = 1_800_000_000_000_000L;
    private static final long A = 0xAAAA;
    private static final long B = 0xBBBB;
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
        SenderReports reports = new SenderReports(90_000);
        RecordingOffset offset = new RecordingOffset(publisher, arrivals, reports);
        // First frame (RTP 90 000) arrives 2.1 s after the anchor.
        offset.onFirstFrame(A, 90_000, 2_100_000_000L);
        assertThat(offset.source()).isEqualTo(RecordingOffset.Source.ARRIVAL);
        assertThat(offset.millis()).isEqualTo(SERVER_EPOCH_MICROS / 1000 + 2_100);

        // The sender's clock is 10 s behind ours; its report for RTP 180 000 (1 s later) arrives 50 ms
        // after it was sent, at 3.05 s.
        long senderMicros = SERVER_EPOCH_MICROS - 10_000_000 + 3_000_000;
        publisher.onSenderReport(senderMicros, arrivals.epochMicros(3_050_000_000L));
        reports.onSenderReport(A, ntp(senderMicros), 180_000);
        offset.onSenderReport();

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
    void theMappingSettlesFiveSecondsAfterThePublishersFirstReport() {
        PublisherClock publisher = new PublisherClock();
        publisher.onSenderReport(1_000_000, 5_200_000);
        publisher.onSenderReport(5_000_000, 9_100_000);
        assertThat(publisher.settled()).isFalse();
        assertThat(publisher.toServerMicros(0)).isEqualTo(4_100_000);
        // 5.3 s after the first: less delayed, but too late to move recordings already placed.
        publisher.onSenderReport(6_500_000, 10_500_000);
        assertThat(publisher.settled()).isTrue();
        assertThat(publisher.toServerMicros(0)).isEqualTo(4_100_000);
        assertThat(publisher.reports()).isEqualTo(3);
    }

    @Test
    void aStreamContinuedByArrivalFixesTheOffsetOnceItsReportComes() {
        PublisherClock publisher = new PublisherClock();
        publisher.onSenderReport(SERVER_EPOCH_MICROS, SERVER_EPOCH_MICROS);
        SenderReports reports = new SenderReports(48_000);
        RecordingOffset offset = new RecordingOffset(publisher, arrivals, reports);
        offset.onFirstFrame(A, 1000, 1_000_000_000L);
        // Stream B's first frame went to 1.5 s of the file by arrival: the offset stays what it was.
        offset.onArrivalJoin(B, 96_000, 1_500);
        assertThat(offset.source()).isEqualTo(RecordingOffset.Source.ARRIVAL);
        assertThat(offset.millis()).isEqualTo(SERVER_EPOCH_MICROS / 1000 + 1_000);
        // A report of the old stream no longer decides it.
        reports.onSenderReport(A, ntp(SERVER_EPOCH_MICROS), 1000);
        offset.onSenderReport();
        assertThat(offset.source()).isEqualTo(RecordingOffset.Source.ARRIVAL);
        // B's report: its frame at RTP 96 000 was captured 2.7 s after the server's epoch here.
        reports.onSenderReport(B, ntp(SERVER_EPOCH_MICROS + 2_000_000), 96_000 - 48_000 * 7 / 10);
        offset.onSenderReport();
        assertThat(offset.source()).isEqualTo(RecordingOffset.Source.SENDER_REPORT);
        assertThat(offset.millis()).isEqualTo(SERVER_EPOCH_MICROS / 1000 + 2_700 - 1_500);
        assertThat(offset.anchors()).isEqualTo(2);
    }

    @Test
    void rtpTimestampsAcrossTheWrapMapCorrectly() {
        PublisherClock publisher = new PublisherClock();
        publisher.onSenderReport(SERVER_EPOCH_MICROS, SERVER_EPOCH_MICROS);
        SenderReports reports = new SenderReports(90_000);
        RecordingOffset offset = new RecordingOffset(publisher, arrivals, reports);
        // Report at RTP 0xFFFF_FF00 (32-bit), frame 90 000 ticks later: past the wrap.
        reports.onSenderReport(A, ntp(SERVER_EPOCH_MICROS), 0xFFFF_FF00L);
        offset.onFirstFrame(A, 0x1_0000_0000L + 90_000 - 0x100, 0);
        assertThat(offset.millis()).isEqualTo(SERVER_EPOCH_MICROS / 1000 + 1_000);
    }

    @Test
    void eachStreamKeepsItsOwnLatestReport() {
        SenderReports reports = new SenderReports(90_000);
        assertThat(reports.senderMicros(A, 0)).isEqualTo(SenderReports.UNKNOWN);
        reports.onSenderReport(A, ntp(SERVER_EPOCH_MICROS), 1_000);
        reports.onSenderReport(B, ntp(SERVER_EPOCH_MICROS), 5_000_000);
        reports.onSenderReport(A, ntp(SERVER_EPOCH_MICROS + 1_000_000), 91_000);
        // One capture instant, two layers with their own timestamps.
        assertThat(reports.senderMicros(A, 181_000)).isEqualTo(SERVER_EPOCH_MICROS + 2_000_000);
        assertThat(reports.senderMicros(B, 5_180_000)).isEqualTo(SERVER_EPOCH_MICROS + 2_000_000);
        // More streams than the table holds: the one reported longest ago goes.
        for (long ssrc = 1; ssrc <= 7; ssrc++) {
            reports.onSenderReport(ssrc, ntp(SERVER_EPOCH_MICROS), 0);
        }
        assertThat(reports.known(A)).isTrue();
        assertThat(reports.known(B)).isFalse();
    }

    private static long ntp(long epochMicros) {
        long seconds = epochMicros / 1_000_000 + 2_208_988_800L;
        long micros = epochMicros % 1_000_000;
        return (seconds << 32) | ((micros << 32) / 1_000_000 + 1);
    }
}
