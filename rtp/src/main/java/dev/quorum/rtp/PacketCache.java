package dev.quorum.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The last packets sent on a stream, by sequence number, for answering NACKs (RFC 4585 §6.2.1)
 * with retransmissions. A fixed ring: the slot of sequence number {@code s} is {@code s mod
 * capacity}, so a newer packet evicts the one a capacity older, and lookups compare the stored
 * sequence number.
 *
 * <p>Storing allocates nothing: the cache keeps a reference to the packet's buffer plus the
 * packet's offset and length, not a slice. It retains the buffer on {@link #put} and releases it
 * when the slot is overwritten, on {@link #clear()} and on {@link #close()}. Not thread-safe: one
 * cache per outgoing stream, used on its event loop.
 */
public final class PacketCache implements AutoCloseable {

    /** Largest capacity: half the sequence space, so that slot reuse is unambiguous. */
    public static final int MAX_CAPACITY = 1 << 15;

    private final int mask;
    private final ByteBuf[] buffers;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] sequenceNumbers;
    private final long[] storedAtNanos;
    private int size;
    private boolean closed;

    /**
     * @param capacity packets kept; rounded up to a power of two, at most {@link #MAX_CAPACITY}
     */
    public PacketCache(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " not in 1.." + MAX_CAPACITY);
        }
        int slots = Integer.highestOneBit(capacity);
        slots = slots < capacity ? slots << 1 : slots;
        mask = slots - 1;
        buffers = new ByteBuf[slots];
        offsets = new int[slots];
        lengths = new int[slots];
        sequenceNumbers = new int[slots];
        storedAtNanos = new long[slots];
    }

    /** Number of slots. */
    public int capacity() {
        return mask + 1;
    }

    /** Packets currently held. */
    public int size() {
        return size;
    }

    /**
     * Keeps {@code packet}, retaining its buffer; the view itself is borrowed. A packet older than
     * the one in its slot, or a duplicate, is not stored.
     *
     * @param nowNanos when the packet was sent, on the caller's clock, for {@link #storedAtNanos}
     * @return whether the packet was stored
     * @throws IllegalStateException after {@link #close()}
     */
    public boolean put(RtpPacket packet, long nowNanos) {
        if (closed) {
            throw new IllegalStateException("packet cache is closed");
        }
        int seq = packet.sequenceNumber();
        int slot = seq & mask;
        ByteBuf previous = buffers[slot];
        if (previous != null) {
            int stored = sequenceNumbers[slot];
            if (stored == seq || SequenceNumbers.isNewer(stored, seq)) {
                return false;
            }
            previous.release();
            size--;
        }
        buffers[slot] = packet.buffer().retain();
        offsets[slot] = packet.offset();
        lengths[slot] = packet.length();
        sequenceNumbers[slot] = seq;
        storedAtNanos[slot] = nowNanos;
        size++;
        return true;
    }

    /** Whether the packet with {@code sequenceNumber} is held. */
    public boolean contains(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        int slot = seq & mask;
        return buffers[slot] != null && sequenceNumbers[slot] == seq;
    }

    /**
     * Points {@code into} at the cached packet with {@code sequenceNumber}. The view borrows the
     * cache's reference: it is valid until the slot is overwritten or the cache is cleared; to keep
     * the bytes longer, use {@link #retainedSlice}.
     *
     * @return whether the packet was found
     */
    public boolean get(int sequenceNumber, RtpPacket into) {
        int slot = sequenceNumber & mask;
        if (!contains(sequenceNumber)) {
            return false;
        }
        return into.wrap(buffers[slot], offsets[slot], lengths[slot]) instanceof RtpPacket;
    }

    /** A retained slice of the cached packet, which the caller owns and releases, or null if absent. */
    public ByteBuf retainedSlice(int sequenceNumber) {
        int slot = sequenceNumber & mask;
        return contains(sequenceNumber) ? buffers[slot].retainedSlice(offsets[slot], lengths[slot]) : null;
    }

    /** When the packet was stored (the {@code nowNanos} given to {@link #put}), or -1 if absent. */
    public long storedAtNanos(int sequenceNumber) {
        return contains(sequenceNumber) ? storedAtNanos[sequenceNumber & mask] : -1;
    }

    /** Releases every held packet. */
    public void clear() {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].release();
                buffers[i] = null;
            }
        }
        size = 0;
    }

    /** Releases every held packet; the cache cannot be used afterwards. Idempotent. */
    @Override
    public void close() {
        clear();
        closed = true;
    }
}
