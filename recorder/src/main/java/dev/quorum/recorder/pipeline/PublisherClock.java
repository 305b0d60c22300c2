package dev.quorum.recorder.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One publisher's sender clock (the NTP time in its RTCP sender reports) mapped onto the server's
 * wall clock. All tracks of a publisher share one instance, so their recordings are placed with
 * the same mapping and keep the publisher's own audio/video sync.
 *
 * <p>The mapping is the smallest {@code arrival - senderTime} seen over the sender reports of
 * every stream of the publisher in the {@link #SETTLE_MICROS} after its first: the clock
 * difference plus the least network delay, which is the estimate least disturbed by queueing.
 * Then it is {@link #settled()} and stays: every recording of the publisher keeps the offset it
 * has then, so a composition made while the room runs places media where one made afterwards
 * does (later reports could move it by a few milliseconds, enough to shift a frame by one). Lock-free:
 * reports come in on the room's event loop while recorder threads read the mapping.
 */
public final class PublisherClock {

    private static final long UNKNOWN = Long.MIN_VALUE;

    /** How long after the first report later ones may still improve the mapping. */
    static final long SETTLE_MICROS = 5_000_000;

    private final AtomicLong offsetMicros = new AtomicLong(UNKNOWN);
    private final AtomicLong firstArrivalMicros = new AtomicLong(UNKNOWN);
    private volatile boolean settled;
    private final AtomicInteger reports = new AtomicInteger();

    /**
     * Learns from one sender report. Never blocks, never allocates.
     *
     * @param senderEpochMicros  the report's NTP time as Unix-epoch microseconds
     * @param arrivalEpochMicros when it arrived, on the server's wall clock
     */
    public void onSenderReport(long senderEpochMicros, long arrivalEpochMicros) {
        reports.incrementAndGet();
        firstArrivalMicros.compareAndSet(UNKNOWN, arrivalEpochMicros);
        if (settled || arrivalEpochMicros - firstArrivalMicros.get() > SETTLE_MICROS) {
            settled = true;
            return;
        }
        long d = arrivalEpochMicros - senderEpochMicros;
        long current = offsetMicros.get();
        while ((current == UNKNOWN || d < current) && !offsetMicros.compareAndSet(current, d)) {
            current = offsetMicros.get();
        }
    }

    /** True once the mapping no longer changes. */
    public boolean settled() {
        return settled && known();
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
