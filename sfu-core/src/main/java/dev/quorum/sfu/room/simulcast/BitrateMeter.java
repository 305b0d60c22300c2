package dev.quorum.sfu.room.simulcast;

/**
 * Bitrate of a stream over the last second, from 100 ms buckets. Pure state without allocation;
 * the caller passes the time.
 */
public final class BitrateMeter {

    private static final int BUCKETS = 10;
    private static final long BUCKET_NANOS = 100_000_000L;

    private final long[] bytes = new long[BUCKETS];
    private long currentBucket = Long.MIN_VALUE;
    private long total;

    public void add(int length, long nowNanos) {
        advance(nowNanos);
        bytes[(int) Math.floorMod(currentBucket, BUCKETS)] += length;
        total += length;
    }

    /** Bits per second over the last second. */
    public long bitrate(long nowNanos) {
        advance(nowNanos);
        return total * 8;
    }

    private void advance(long nowNanos) {
        long bucket = Math.floorDiv(nowNanos, BUCKET_NANOS);
        if (currentBucket == Long.MIN_VALUE) {
            currentBucket = bucket;
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
