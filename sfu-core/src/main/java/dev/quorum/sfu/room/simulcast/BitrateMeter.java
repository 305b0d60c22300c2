package dev.quorum.sfu.room.simulcast;

/**
 * Bitrate of a stream over the last second, from 100 ms buckets. A meter younger than a second
 * measures over the time it has seen (at least half a second): read over a full second, a stream
 * that began 300 ms ago would look three times slower than it is, and a congestion controller
 * falling back to "what got through" would fall to a third of it. Pure state without allocation;
 * the caller passes the time.
 */
public final class BitrateMeter {

    private static final int BUCKETS = 10;
    private static final long BUCKET_NANOS = 100_000_000L;

    private final long[] bytes = new long[BUCKETS];
    private long currentBucket = Long.MIN_VALUE;
    private long firstBucket;
    private long total;

    public void add(int length, long nowNanos) {
        advance(nowNanos);
        bytes[(int) Math.floorMod(currentBucket, BUCKETS)] += length;
        total += length;
    }

    /** Bits per second over the last second (over the time seen, if less: see above). */
    public long bitrate(long nowNanos) {
        advance(nowNanos);
        long seen = currentBucket == Long.MIN_VALUE ? BUCKETS : currentBucket - firstBucket + 1;
        if (seen >= BUCKETS) {
            return total * 8;
        }
        return total * 8 * BUCKETS / Math.max(seen, BUCKETS / 2);
    }

    /**
     * Bits counted in the last second, however young the meter: a budget per second (what
     * resends may spend), where {@link #bitrate} is a rate.
     */
    public long bitsInLastSecond(long nowNanos) {
        advance(nowNanos);
        return total * 8;
    }

    private void advance(long nowNanos) {
        long bucket = Math.floorDiv(nowNanos, BUCKET_NANOS);
        if (currentBucket == Long.MIN_VALUE) {
            currentBucket = bucket;
            firstBucket = bucket;
            return;
        }
        if (bucket <= currentBucket) {
            return;
        }
        long steps = Math.min(BUCKETS, bucket - currentBucket);
        for (long i = 1; i <= steps; i++) {
            int slot = (int) Math.floorMod(currentBucket + i, BUCKETS);
            total -= bytes[slot];
            bytes[slot] = 0;
        }
        currentBucket = bucket;
    }
}
