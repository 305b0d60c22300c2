package dev.quorum.recorder.pipeline;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Converts packet arrival times ({@link System#nanoTime()} scale, as the SFU stamps them) to
 * server wall-clock time, through one anchor taken when the recorder starts.
 */
public final class ArrivalClock {

    private final long anchorEpochMicros;
    private final long anchorNanos;

    public ArrivalClock(long anchorEpochMicros, long anchorNanos) {
        this.anchorEpochMicros = anchorEpochMicros;
        this.anchorNanos = anchorNanos;
    }

    /** Anchors {@code nanoTime} to {@code clock} now. */
    public static ArrivalClock anchored(Clock clock, LongSupplier nanoTime) {
        long nanos = nanoTime.getAsLong();
        java.time.Instant now = clock.instant();
        return new ArrivalClock(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000, nanos);
    }

    public long epochMicros(long arrivalNanos) {
        return anchorEpochMicros + Math.floorDiv(arrivalNanos - anchorNanos, 1_000);
    }

    public long epochMillis(long arrivalNanos) {
        return Math.floorDiv(epochMicros(arrivalNanos), 1_000);
    }
}
