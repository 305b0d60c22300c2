package dev.quorum.sfu.room;

import java.time.Instant;

/**
 * The engine's time source: a monotonic clock for intervals and deadlines, and the wall clock for
 * the times users see. Tests inject a manual one and advance it.
 */
public interface RoomClock {

    /** Monotonic nanoseconds, comparable with {@link System#nanoTime()}. */
    long nanoTime();

    /** Wall-clock time. */
    Instant now();

    /** The system clocks. */
    static RoomClock system() {
        return SystemRoomClock.INSTANCE;
    }
}

enum SystemRoomClock implements RoomClock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }
}
