package dev.quorum.recorder.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One publisher's sender clock (the NTP time in its RTCP sender reports) mapped onto the server's
 * wall clock. All tracks of a publisher share one instance, so their recordings are placed with
 * the same mapping and keep the publisher's own audio/video sync.
 *
 * <p>The mapping is the smallest {@code arrival - senderTime} seen over every sender report of
 * every stream of the publisher: the clock difference plus the least network delay, which is the
 * estimate least disturbed by queueing. Lock-free: reports come in on the room's event loop while
 * recorder threads read the mapping.
 */
public final class PublisherClock {

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final AtomicLong offsetMicros = new AtomicLong(UNKNOWN);
    private final AtomicInteger reports = new AtomicInteger();

    /**
     * Learns from one sender report. Never blocks, never allocates.
     *
     * @param senderEpochMicros  the report's NTP time as Unix-epoch microseconds
     * @param arrivalEpochMicros when it arrived, on the server's wall clock
     */
    public void onSenderReport(long senderEpochMicros, long arrivalEpochMicros) {
        long d = arrivalEpochMicros - senderEpochMicros;
        long current = offsetMicros.get();
        while ((current == UNKNOWN || d < current) && !offsetMicros.compareAndSet(current, d)) {
            current = offsetMicros.get();
        }
        reports.incrementAndGet();
    }

    public boolean known() {
        return offsetMicros.get() != UNKNOWN;
    }

    public int reports() {
        return reports.get();
    }

    /** Server wall-clock microseconds for a sender time; only meaningful once {@link #known()}. */
    public long toServerMicros(long senderEpochMicros) {
        return senderEpochMicros + offsetMicros.get();
    }

    /** Converts a 64-bit NTP timestamp (seconds since 1900 . 2^-32 fraction) to Unix-epoch microseconds. */
    public static long ntpToEpochMicros(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFF_FFFFL;
        return (seconds - 2_208_988_800L) * 1_000_000L + ((fraction * 1_000_000L) >>> 32);
    }
}
