package dev.quorum.recorder.pipeline;

/**
 * Where a recording's first frame lies on the common clock, in Unix-epoch milliseconds (the
 * Recording's {@code offset}).
 *
 * <p>With a sender report for the first frame's stream, the frame's RTP timestamp is mapped to
 * the publisher's NTP time and that to the server clock through the publisher's
 * {@link PublisherClock}; audio and video of one publisher then line up as the publisher captured
 * them. Until such a report arrives, the first frame's arrival time stands in; the offset is
 * recomputed when the report comes (and again at completion, with the publisher's final mapping).
 * A report that arrives only after the stream changed SSRC cannot describe the first frame, so
 * such a recording keeps its arrival-based offset.
 */
final class RecordingOffset {

    enum Source {
        ARRIVAL,
        SENDER_REPORT;

        String tag() {
            return this == ARRIVAL ? "arrival" : "sender-report";
        }
    }

    // given
    private final PublisherClock publisher;
    private final ArrivalClock arrivals;
    private final int clockRate;

    // owned
    private boolean reportKnown;
    private long reportNtpMicros;
    private long reportRtp;
    private boolean firstFrameKnown;
    private long firstFrameRtp;
    private long firstFrameArrivalMicros;
    private boolean firstStreamCurrent = true;
    private boolean referenceKnown;
    private long referenceNtpMicros;
    private long referenceRtp;

    RecordingOffset(PublisherClock publisher, ArrivalClock arrivals, int clockRate) {
        this.publisher = publisher;
        this.arrivals = arrivals;
        this.clockRate = clockRate;
    }

    /**
     * A sender report of the track's current stream (its arrival was already given to the
     * {@link PublisherClock} when it was received).
     */
    void onSenderReport(long ntpTimestamp, long rtpTimestamp) {
        long ntpMicros = PublisherClock.ntpToEpochMicros(ntpTimestamp);
        reportKnown = true;
        reportNtpMicros = ntpMicros;
        reportRtp = rtpTimestamp & 0xFFFF_FFFFL;
        if (firstFrameKnown && firstStreamCurrent && !referenceKnown) {
            useReport();
        }
    }

    /** The track's stream changed (new SSRC): earlier reports no longer apply. */
    void onNewStream() {
        reportKnown = false;
        if (firstFrameKnown) {
            firstStreamCurrent = false;
        }
    }

    void onFirstFrame(long rtpTimestamp, long arrivalNanos) {
        firstFrameKnown = true;
        firstFrameRtp = rtpTimestamp;
        firstFrameArrivalMicros = arrivals.epochMicros(arrivalNanos);
        if (reportKnown) {
            useReport();
        }
    }

    Source source() {
        return referenceKnown && publisher.known() ? Source.SENDER_REPORT : Source.ARRIVAL;
    }

    /** The offset as best known now; only meaningful after {@link #onFirstFrame}. */
    long millis() {
        if (source() == Source.SENDER_REPORT) {
            int ticks = (int) (firstFrameRtp - referenceRtp);
            long senderMicros = referenceNtpMicros + Math.floorDiv(ticks * 1_000_000L, clockRate);
            return Math.floorDiv(publisher.toServerMicros(senderMicros), 1_000);
        }
        return Math.floorDiv(firstFrameArrivalMicros, 1_000);
    }

    private void useReport() {
        referenceKnown = true;
        referenceNtpMicros = reportNtpMicros;
        referenceRtp = reportRtp;
    }
}
