package dev.quorum.sfu.room.rtcp;

import java.util.concurrent.TimeUnit;

/**
 * Which packets of one received stream to NACK upstream, and when (RFC 4585 §6.2.1 generic NACK).
 * A gap in the sequence adds the missing numbers; a packet that fills a hole (late or
 * retransmitted) removes it. A missing packet is requested at once, then again each RTT (at least
 * {@link #MIN_RETRY_NANOS}) up to {@link #MAX_RETRIES} times and for at most {@link #MAX_AGE_NANOS};
 * given up packets — and gaps too large to repair — mean the decoder needs a keyframe instead.
 * Pure state without allocation; the caller passes unwrapped sequence numbers and the time.
 */
public final class NackGenerator {

    public static final int MAX_MISSING = 512;
    public static final int MAX_RETRIES = 10;
    public static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    public static final long MIN_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long[] missing = new long[MAX_MISSING];
    private final long[] firstNanos = new long[MAX_MISSING];
    private final long[] sentNanos = new long[MAX_MISSING];
    private final int[] retries = new int[MAX_MISSING];
    private int count;
    private long highest = Long.MIN_VALUE;
    private boolean keyframeNeeded;

    /**
     * A packet arrived.
     *
     * @param sequence unwrapped sequence number
     * @return true if it filled a hole (a repair or a late packet)
     */
    public boolean received(long sequence, long nowNanos) {
        if (highest == Long.MIN_VALUE) {
            highest = sequence;
            return false;
        }
        if (sequence > highest) {
            long gap = sequence - highest - 1;
            if (gap >= MAX_MISSING) {
                count = 0;
                keyframeNeeded = true;
            } else {
                for (long s = highest + 1; s < sequence; s++) {
                    add(s, nowNanos);
                }
            }
            highest = sequence;
            return false;
        }
        int i = indexOf(sequence);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void add(long sequence, long nowNanos) {
        if (count == MAX_MISSING) {
            removeAt(0);
            keyframeNeeded = true;
        }
        missing[count] = sequence;
        firstNanos[count] = nowNanos;
        sentNanos[count] = Long.MIN_VALUE;
        retries[count] = 0;
        count++;
    }

    /**
     * The sequence numbers (16-bit) to NACK now; each counts as one more request.
     *
     * @param rttNanos the current round-trip estimate (0 if unknown)
     * @param out      receives up to {@code out.length} numbers, oldest first
     * @return how many were written
     */
    public int due(long nowNanos, long rttNanos, int[] out) {
        long retry = Math.max(MIN_RETRY_NANOS, rttNanos);
        int n = 0;
        int i = 0;
        while (i < count) {
            if (nowNanos - firstNanos[i] > MAX_AGE_NANOS || retries[i] >= MAX_RETRIES) {
                removeAt(i);
                keyframeNeeded = true;
                continue;
            }
            if (n < out.length && (sentNanos[i] == Long.MIN_VALUE || nowNanos - sentNanos[i] >= retry)) {
                out[n++] = (int) (missing[i] & 0xFFFF);
                sentNanos[i] = nowNanos;
                retries[i]++;
            }
            i++;
        }
        return n;
    }

    /** True once after packets were given up on: ask the publisher for a keyframe. */
    public boolean takeKeyframeNeeded() {
        boolean k = keyframeNeeded;
        keyframeNeeded = false;
        return k;
    }

    /** Packets currently missing. */
    public int missingCount() {
        return count;
    }

    /** Forgets the holes, e.g. after a keyframe made them irrelevant. */
    public void clear() {
        count = 0;
    }

    private int indexOf(long sequence) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = missing[mid];
            if (v < sequence) {
                lo = mid + 1;
            } else if (v > sequence) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        int tail = count - i - 1;
        if (tail > 0) {
            System.arraycopy(missing, i + 1, missing, i, tail);
            System.arraycopy(firstNanos, i + 1, firstNanos, i, tail);
            System.arraycopy(sentNanos, i + 1, sentNanos, i, tail);
            System.arraycopy(retries, i + 1, retries, i, tail);
        }
        count--;
    }
}
