package dev.quorum.recorder.pipeline;

/**
 * One publisher's sender clock (the NTP time in its RTCP sender reports) mapped onto the server's
 * wall clock. All tracks of a publisher share one instance, so their recordings are placed with
 * the same mapping and keep the publisher's own audio/video sync.
 *
 * <p>The mapping is the smallest {@code arrival - senderTime} seen over every sender report of
 * every stream of the publisher: the clock difference plus the least network delay, which is the
 * estimate least disturbed by queueing. Thread-safe (tracks are written on different threads).
 */
public final class PublisherClock {

    private long offsetMicros;
    private boolean known;
    private int reports;

    /**
     * @param senderEpochMicros  the report's NTP time as Unix-epoch microseconds
     * @param arrivalEpochMicros when it arrived, on the server's wall clock
     */
    public synchronized void onSenderReport(long senderEpochMicros, long arrivalEpochMicros) {
        long d = arrivalEpochMicros - senderEpochMicros;
        if (!known || d < offsetMicros) {
            offsetMicros = d;
            known = true;
        }
        reports++;
    }

    public synchronized boolean known() {
        return known;
    }

    public synchronized int reports() {
        return reports;
    }

    /** Server wall-clock microseconds for a sender time; only meaningful once {@link #known()}. */
    public synchronized long toServerMicros(long senderEpochMicros) {
        return senderEpochMicros + offsetMicros;
    }

    /** Converts a 64-bit NTP timestamp (seconds since 1900 . 2^-32 fraction) to Unix-epoch microseconds. */
    public static long ntpToEpochMicros(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFF_FFFFL;
        return (seconds - 2_208_988_800L) * 1_000_000L + ((fraction * 1_000_000L) >>> 32);
    }
}
