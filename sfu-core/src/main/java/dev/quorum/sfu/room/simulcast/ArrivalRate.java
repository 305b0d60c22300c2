package dev.quorum.sfu.room.simulcast;

/**
 * The rate at which a group of packets arrived: their bytes (the first one's excepted: it opens
 * the span) over the span of their arrival times. When a path queues, that is the rate its
 * bottleneck lets through. Pure state, reused after {@link #reset}.
 */
final class ArrivalRate {

    private long bytes;
    private int packets;
    private long first;
    private long last;
    private int firstSize;

    void add(long arrivalNanos, int size) {
        if (packets == 0 || arrivalNanos < first) {
            first = arrivalNanos;
            firstSize = size;
        }
        if (packets == 0 || arrivalNanos > last) {
            last = arrivalNanos;
        }
        packets++;
        bytes += size;
    }

    int packets() {
        return packets;
    }

    /** Bits per second, or 0 with fewer than {@code minPackets} or a span shorter than {@code minSpanNanos}. */
    long bitrate(int minPackets, long minSpanNanos) {
        long span = last - first;
        if (packets < minPackets || span < minSpanNanos || span <= 0) {
            return 0;
        }
        return (long) ((bytes - firstSize) * 8 * 1e9 / span);
    }

    void reset() {
        bytes = 0;
        packets = 0;
    }
}
