package dev.quorum.recorder.pipeline;

/**
 * The latest sender report of each stream of one track (one per simulcast layer, or per SSRC the
 * publisher used): maps a stream's RTP timestamps to the sender's capture clock. The layers of a
 * track share that clock, so two frames of different layers compare by their sender times. A
 * small table that never allocates; when more streams come than it holds, the one reported
 * longest ago is forgotten. Recorder thread only.
 */
final class SenderReports {

    /** What {@link #senderMicros} returns for a stream without a report. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private static final int STREAMS = 8;

    private final int clockRate;
    private final long[] ssrcs = new long[STREAMS];
    private final long[] ntpMicros = new long[STREAMS];
    private final long[] rtpTimestamps = new long[STREAMS];
    private final long[] updates = new long[STREAMS];
    private int size;
    private long updateCount;

    SenderReports(int clockRate) {
        this.clockRate = clockRate;
    }

    /** A report of stream {@code ssrc}: its sender time (NTP) and the RTP timestamp of that instant. */
    void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp) {
        int i = indexOf(ssrc);
        if (i < 0) {
            i = size < STREAMS ? size++ : oldest();
            ssrcs[i] = ssrc;
        }
        ntpMicros[i] = PublisherClock.ntpToEpochMicros(ntpTimestamp);
        rtpTimestamps[i] = rtpTimestamp & 0xFFFF_FFFFL;
        updates[i] = ++updateCount;
    }

    boolean known(long ssrc) {
        return indexOf(ssrc) >= 0;
    }

    /**
     * When the sender captured the frame with this RTP timestamp of stream {@code ssrc}, in its
     * Unix-epoch microseconds, or {@link #UNKNOWN} without a report of the stream. The timestamp
     * is taken within half the 32-bit range of the report's (6.6 hours at 90 kHz).
     */
    long senderMicros(long ssrc, long rtpTimestamp) {
        int i = indexOf(ssrc);
        if (i < 0) {
            return UNKNOWN;
        }
        int ticks = (int) (rtpTimestamp - rtpTimestamps[i]);
        return ntpMicros[i] + Math.floorDiv(ticks * 1_000_000L, clockRate);
    }

    private int indexOf(long ssrc) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                return i;
            }
        }
        return -1;
    }

    private int oldest() {
        int oldest = 0;
        for (int i = 1; i < size; i++) {
            if (updates[i] < updates[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }
}
