package dev.quorum.recorder.pipeline;

/**
 * Where a recording's first frame lies on the common clock, in Unix-epoch milliseconds (the
 * Recording's {@code offset}).
 *
 * <p>One frame fixes it, the <em>anchor</em>: the recording's first frame, unless the track's
 * stream changed and the new stream could only be continued by arrival time (see
 * {@link TrackTimeline}); then the new stream's first frame is the anchor, since the frames after
 * it are the ones the offset must place right. Once the anchor's stream has a sender report, the
 * anchor's RTP timestamp is mapped to the publisher's NTP time, and that to the server clock
 * through the publisher's {@link PublisherClock}; audio and video of one publisher then line up
 * as the publisher captured them. Until then the first frame's arrival time stands in (or, after
 * the anchor moved, the offset as it was known then). The value is recomputed whenever asked, so
 * it follows the publisher's mapping as that improves.
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
    private final SenderReports reports;

    // owned
    private long anchorSsrc;
    private long anchorRtp;
    private long anchorMillis;
    private long anchorSenderMicros = SenderReports.UNKNOWN;
    private int anchors;
    private long fallbackMillis;

    RecordingOffset(PublisherClock publisher, ArrivalClock arrivals, SenderReports reports) {
        this.publisher = publisher;
        this.arrivals = arrivals;
        this.reports = reports;
    }

    /** The recording's first frame, of stream {@code ssrc}, arrived: it is the anchor. */
    void onFirstFrame(long ssrc, long rtpTimestamp, long arrivalNanos) {
        fallbackMillis = Math.floorDiv(arrivals.epochMicros(arrivalNanos), 1_000);
        anchor(ssrc, rtpTimestamp, 0);
    }

    /**
     * The track's stream changed to {@code ssrc} and its first frame was placed at {@code millis}
     * of the file by arrival time, not by capture time: it becomes the anchor.
     */
    void onArrivalJoin(long ssrc, long rtpTimestamp, long millis) {
        fallbackMillis = millis();
        anchor(ssrc, rtpTimestamp, millis);
    }

    /** A sender report reached the track's {@link SenderReports}: it may place the anchor. */
    void onSenderReport() {
        if (anchors > 0 && anchorSenderMicros == SenderReports.UNKNOWN) {
            anchorSenderMicros = reports.senderMicros(anchorSsrc, anchorRtp);
        }
    }

    Source source() {
        return anchorSenderMicros != SenderReports.UNKNOWN && publisher.known() ? Source.SENDER_REPORT : Source.ARRIVAL;
    }

    /**
     * The sender's time (Unix-epoch microseconds on its clock) of the file's time 0, as the anchor
     * and its stream's report place it, or {@link SenderReports#UNKNOWN}.
     */
    long senderMicrosAtZero() {
        return anchorSenderMicros == SenderReports.UNKNOWN
                ? SenderReports.UNKNOWN
                : anchorSenderMicros - anchorMillis * 1_000;
    }

    /** True once the offset follows a sender report through a mapping that no longer changes. */
    boolean settled() {
        return source() == Source.SENDER_REPORT && publisher.settled();
    }

    /** How many anchors there were: a new one may change the offset more than a better mapping does. */
    int anchors() {
        return anchors;
    }

    /** The offset as best known now; only meaningful after {@link #onFirstFrame}. */
    long millis() {
        if (source() == Source.SENDER_REPORT) {
            return Math.floorDiv(publisher.toServerMicros(anchorSenderMicros), 1_000) - anchorMillis;
        }
        return fallbackMillis;
    }

    private void anchor(long ssrc, long rtpTimestamp, long millis) {
        anchors++;
        anchorSsrc = ssrc;
        anchorRtp = rtpTimestamp & 0xFFFF_FFFFL;
        anchorMillis = millis;
        anchorSenderMicros = reports.senderMicros(ssrc, anchorRtp);
    }
}
