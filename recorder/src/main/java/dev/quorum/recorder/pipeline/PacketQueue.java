package dev.quorum.recorder.pipeline;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bounded hand-off between a room's event loop and a recorder thread: a lock-free ring
 * (Vyukov's bounded queue, many producers, one consumer) whose offers never block and never
 * allocate. A full queue refuses the entry; the caller drops, releases and counts it.
 *
 * <p>Entries are RTP packets (a {@link ByteBuf} whose ownership moves into the queue) or sender
 * reports (four longs), kept in one ring so their order is preserved.
 */
public final class PacketQueue {

    /** Receives drained entries on the consumer thread. */
    public interface Handler {
        /** @param packet ownership passes to the handler, which must release it */
        void onRtp(ByteBuf packet, long arrivalNanos);

        void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos);
    }

    private final int mask;
    private final AtomicLongArray sequences;
    private final ByteBuf[] packets;
    private final long[] first;
    private final long[] second;
    private final long[] third;
    private final long[] arrivals;
    private final AtomicLong enqueuePosition = new AtomicLong();
    private long dequeuePosition;

    /** @param capacity rounded up to a power of two */
    public PacketQueue(int capacity) {
        if (capacity < 2 || capacity > (1 << 20)) {
            throw new IllegalArgumentException("capacity must be 2..1048576: " + capacity);
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        mask = size - 1;
        sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
        packets = new ByteBuf[size];
        first = new long[size];
        second = new long[size];
        third = new long[size];
        arrivals = new long[size];
    }

    public int capacity() {
        return mask + 1;
    }

    /**
     * Queues an RTP packet.
     *
     * @param packet on success ownership passes to the queue; on {@code false} the caller still
     *               owns it (and must release it)
     * @return false when the queue is full
     */
    public boolean offerRtp(ByteBuf packet, long arrivalNanos) {
        long pos = claim();
        if (pos < 0) {
            return false;
        }
        int i = (int) (pos & mask);
        packets[i] = packet;
        arrivals[i] = arrivalNanos;
        sequences.lazySet(i, pos + 1);
        return true;
    }

    /** Queues a sender report; false when the queue is full. */
    public boolean offerSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        long pos = claim();
        if (pos < 0) {
            return false;
        }
        int i = (int) (pos & mask);
        packets[i] = null;
        first[i] = ntpTimestamp;
        second[i] = rtpTimestamp;
        third[i] = ssrc;
        arrivals[i] = arrivalNanos;
        sequences.lazySet(i, pos + 1);
        return true;
    }

    private long claim() {
        long pos = enqueuePosition.get();
        while (true) {
            long seq = sequences.get((int) (pos & mask));
            long dif = seq - pos;
            if (dif == 0) {
                if (enqueuePosition.compareAndSet(pos, pos + 1)) {
                    return pos;
                }
                pos = enqueuePosition.get();
            } else if (dif < 0) {
                return -1;
            } else {
                pos = enqueuePosition.get();
            }
        }
    }

    /**
     * Hands up to {@code max} queued entries to {@code handler}, in order. Consumer thread only.
     *
     * @return how many were drained
     */
    public int drain(Handler handler, int max) {
        int n = 0;
        while (n < max) {
            long pos = dequeuePosition;
            int i = (int) (pos & mask);
            if (sequences.get(i) != pos + 1) {
                break;
            }
            ByteBuf packet = packets[i];
            long a = first[i];
            long b = second[i];
            long c = third[i];
            long arrival = arrivals[i];
            packets[i] = null;
            sequences.lazySet(i, pos + mask + 1);
            dequeuePosition = pos + 1;
            n++;
            if (packet != null) {
                handler.onRtp(packet, arrival);
            } else {
                handler.onSenderReport(c, a, b, arrival);
            }
        }
        return n;
    }

    /** Entries waiting (approximate while producers run). */
    public int size() {
        long n = enqueuePosition.get() - dequeuePosition;
        return (int) Math.max(0, Math.min(n, mask + 1));
    }

    /**
     * Releases every queued packet. Consumer thread only, after producers stopped.
     *
     * @return how many RTP packets were released
     */
    public int clear() {
        int[] released = new int[1];
        drain(
                new Handler() {
                    @Override
                    public void onRtp(ByteBuf packet, long arrivalNanos) {
                        packet.release();
                        released[0]++;
                    }

                    @Override
                    public void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {}
                },
                Integer.MAX_VALUE);
        return released[0];
    }
}
