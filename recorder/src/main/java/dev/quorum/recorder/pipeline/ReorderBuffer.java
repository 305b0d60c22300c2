package dev.quorum.recorder.pipeline;

import io.netty.buffer.ByteBuf;

/**
 * Puts one RTP stream back in sequence order, waiting a bounded time for missing packets (which
 * the SFU may still recover by NACK/RTX) before declaring them lost.
 *
 * <p>Packets are released in order as soon as the next expected one is present. When a hole
 * stays open longer than the window (measured from the arrival of the first packet after it),
 * the hole is reported lost and release continues. Duplicates of held packets are dropped; a
 * packet older than the release point arrived too late (or is a duplicate of a released one) and
 * is dropped. Pure state: time is passed in; one thread.
 */
public final class ReorderBuffer {

    /** Where released packets go. */
    public interface Output {
        /** @param packet ownership passes to the output */
        void onPacket(ByteBuf packet, long sequence, long arrivalNanos);

        /** Packets {@code [first, first + count)} will not be delivered. */
        void onLoss(long first, long count);
    }

    /** What became of an inserted packet. */
    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        LATE
    }

    private final int mask;
    private final ByteBuf[] slots;
    private final long[] sequences;
    private final long[] arrivals;
    private final long windowNanos;
    private long next = Long.MIN_VALUE;
    private long highest = Long.MIN_VALUE;
    private int held;

    /**
     * @param capacity    most packets held at once (rounded up to a power of two); a packet further
     *                    ahead than this forces the oldest holes to be declared lost
     * @param windowNanos how long a hole may stay open
     */
    public ReorderBuffer(int capacity, long windowNanos) {
        if (capacity < 2 || capacity > (1 << 16)) {
            throw new IllegalArgumentException("capacity must be 2..65536: " + capacity);
        }
        if (windowNanos < 0) {
            throw new IllegalArgumentException("window must not be negative");
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        mask = size - 1;
        slots = new ByteBuf[size];
        sequences = new long[size];
        arrivals = new long[size];
        this.windowNanos = windowNanos;
    }

    /**
     * Inserts a packet and releases whatever is now in order.
     *
     * @param packet   ownership passes to the buffer (released here when dropped)
     * @param sequence the unwrapped sequence number
     */
    public Outcome insert(ByteBuf packet, long sequence, long arrivalNanos, Output out) {
        if (next == Long.MIN_VALUE) {
            next = sequence;
        }
        if (sequence < next) {
            packet.release();
            return Outcome.LATE;
        }
        if (sequence - next > mask) {
            skipTo(sequence - mask, out);
        }
        int i = (int) (sequence & mask);
        if (slots[i] != null) {
            packet.release();
            return Outcome.DUPLICATE;
        }
        slots[i] = packet;
        sequences[i] = sequence;
        arrivals[i] = arrivalNanos;
        held++;
        if (sequence > highest) {
            highest = sequence;
        }
        releaseInOrder(out);
        return Outcome.ACCEPTED;
    }

    /** Declares lost every hole that has waited longer than the window, releasing what follows it. */
    public void poll(long nowNanos, Output out) {
        while (held > 0 && slots[(int) (next & mask)] == null) {
            long first = firstHeldAfter(next);
            if (arrivals[(int) (first & mask)] + windowNanos > nowNanos) {
                return;
            }
            out.onLoss(next, first - next);
            next = first;
            releaseInOrder(out);
        }
    }

    /** Releases everything held, reporting the holes between; used when the stream ends. */
    public void flush(Output out) {
        if (held > 0) {
            skipTo(highest + 1, out);
        }
    }

    /**
     * Releases held packets without delivering them and forgets the stream (a new one starts).
     *
     * @return how many packets were released
     */
    public int clear() {
        int released = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].release();
                slots[i] = null;
                released++;
            }
        }
        held = 0;
        next = Long.MIN_VALUE;
        highest = Long.MIN_VALUE;
        return released;
    }

    public int held() {
        return held;
    }

    /** The next sequence number to be released, or {@link Long#MIN_VALUE} before the first packet. */
    public long next() {
        return next;
    }

    private void releaseInOrder(ReorderBuffer.Output out) {
        while (held > 0) {
            int i = (int) (next & mask);
            ByteBuf p = slots[i];
            if (p == null) {
                return;
            }
            slots[i] = null;
            held--;
            long seq = next++;
            out.onPacket(p, seq, arrivals[i]);
        }
    }

    /** Moves the release point to {@code target}, delivering held packets before it in order. */
    private void skipTo(long target, Output out) {
        while (next < target) {
            if (held == 0) {
                out.onLoss(next, target - next);
                next = target;
                return;
            }
            int i = (int) (next & mask);
            if (slots[i] != null) {
                releaseInOrder(out);
                continue;
            }
            long first = Math.min(firstHeldAfter(next), target);
            out.onLoss(next, first - next);
            next = first;
            releaseInOrder(out);
        }
    }

    private long firstHeldAfter(long from) {
        for (long s = from; s <= highest; s++) {
            if (slots[(int) (s & mask)] != null) {
                return s;
            }
        }
        return highest + 1;
    }
}
