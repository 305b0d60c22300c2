package dev.quorum.sfu.room;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand; both monotonic and wall time advance together. */
final class ManualClock implements RoomClock {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final Instant origin = Instant.parse("2026-11-23T10:00:00Z");
    private final long originNanos = nanos.get();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return origin.plusNanos(nanos.get() - originNanos);
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }
}
