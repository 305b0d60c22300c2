package dev.quorum.sfu.room.simulcast;

/**
 * Send times and sizes of the packets sent to one subscriber, by transport-wide sequence number,
 * so that its transport-cc feedback can be matched to what was sent. A ring over the last
 * {@link #CAPACITY} numbers; no allocation.
 */
public final class SendHistory {

    public static final int CAPACITY = 1 << 13;

    private final long[] sentNanos = new long[CAPACITY];
    private final int[] sizes = new int[CAPACITY];
    private final int[] sequence = new int[CAPACITY];
    private int next;

    public SendHistory(int initialSequence) {
        this.next = initialSequence & 0xFFFF;
        java.util.Arrays.fill(sequence, -1);
    }

    /** Takes the next transport-wide sequence number for a packet about to be written. */
    public int next() {
        int seq = next;
        next = (next + 1) & 0xFFFF;
        return seq;
    }

    /** Records that packet {@code seq} of {@code size} bytes was sent now. */
    public void sent(int seq, int size, long nowNanos) {
        int slot = seq & (CAPACITY - 1);
        sequence[slot] = seq & 0xFFFF;
        sentNanos[slot] = nowNanos;
        sizes[slot] = size;
    }

    /** Send time of {@code seq}, or {@link Long#MIN_VALUE} if unknown. */
    public long sentNanos(int seq) {
        int slot = seq & (CAPACITY - 1);
        return sequence[slot] == (seq & 0xFFFF) ? sentNanos[slot] : Long.MIN_VALUE;
    }

    /** Size of {@code seq}, or 0 if unknown. */
    public int size(int seq) {
        int slot = seq & (CAPACITY - 1);
        return sequence[slot] == (seq & 0xFFFF) ? sizes[slot] : 0;
    }
}
