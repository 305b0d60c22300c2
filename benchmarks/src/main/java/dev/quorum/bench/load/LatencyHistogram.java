package dev.quorum.bench.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in 10 µs buckets up to 200 ms (beyond that, one overflow bucket). One writer
 * thread; readers copy the counts.
 */
final class LatencyHistogram {

    static final long BUCKET_NANOS = 10_000;
    static final int BUCKETS = 20_001;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one latency; negative values (clock reads on different CPUs) count as zero. */
    void record(long nanos) {
        int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, nanos) / BUCKET_NANOS);
        counts.lazySet(bucket, counts.get(bucket) + 1);
    }

    void addTo(long[] into) {
        for (int i = 0; i < BUCKETS; i++) {
            into[i] += counts.get(i);
        }
    }

    /**
     * The latency in milliseconds under which {@code quantile} of the counted packets fall
     * (the upper edge of the bucket), or NaN if nothing was counted; infinity in the overflow bucket.
     */
    static double quantileMillis(long[] counts, double quantile) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == BUCKETS - 1 ? Double.POSITIVE_INFINITY : (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
