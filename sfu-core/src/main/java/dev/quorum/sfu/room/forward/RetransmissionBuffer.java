package dev.quorum.sfu.room.forward;

import io.netty.buffer.ByteBuf;

/**
 * The packets recently sent to one subscriber on one stream, by outgoing sequence number, to
 * answer its NACKs. An entry holds a reference to the <em>received</em> packet's buffer (shared
 * with the other subscribers, so nothing is copied to cache it) with the packet's position in it,
 * plus the values this subscriber's copy had (sequence number, timestamp, VP8 picture ids): a
 * retransmission is rebuilt from both. Keeping the buffer itself rather than a slice of it means
 * caching allocates nothing, however many packets are kept.
 * A fixed ring (a power of two); a new packet replaces and releases the one 2^n packets older, and
 * {@link #expire} releases packets older than a NACK could still use, so a stream's cache holds
 * what its last second or so sent rather than 2^n packets whatever its rate (each entry pins a
 * received datagram's whole pooled buffer). Lives on the room's loop.
 */
public final class RetransmissionBuffer {

    private final int mask;
    private final ByteBuf[] packets;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] sequenceNumbers;
    private final long[] timestamps;
    private final boolean[] markers;
    private final int[] pictureIds;
    private final int[] tl0PicIdxs;
    private final long[] resentNanos;
    private final long[] cachedNanos;
    /** The newest sequence number put (16 bits), or -1 before the first. */
    private int newest = -1;
    /** How many sequence numbers back from {@link #newest} (itself included) may hold a packet. */
    private int live;

    public RetransmissionBuffer(int capacity) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        mask = capacity - 1;
        packets = new ByteBuf[capacity];
        offsets = new int[capacity];
        lengths = new int[capacity];
        sequenceNumbers = new int[capacity];
        timestamps = new long[capacity];
        markers = new boolean[capacity];
        pictureIds = new int[capacity];
        tl0PicIdxs = new int[capacity];
        resentNanos = new long[capacity];
        cachedNanos = new long[capacity];
    }

    /**
     * Remembers a sent packet.
     *
     * @param buffer the received packet's buffer, retained for the cache; <b>that reference passes
     *               to the cache</b>, which releases it when the entry is replaced or closed
     * @param offset absolute index of the packet in {@code buffer}
     * @param length the packet's length
     * @param nowNanos when it was sent, for {@link #expire}
     */
    public void put(
            int sequenceNumber,
            ByteBuf buffer,
            int offset,
            int length,
            long timestamp,
            boolean marker,
            int pictureId,
            int tl0PicIdx,
            long nowNanos) {
        int seq = sequenceNumber & 0xFFFF;
        if (newest < 0) {
            newest = seq;
            live = 1;
        } else {
            int ahead = (seq - newest) & 0xFFFF;
            if (ahead != 0 && ahead < 0x8000) {
                newest = seq;
                live = Math.min(live + ahead, packets.length);
            }
        }
        int i = sequenceNumber & mask;
        ByteBuf old = packets[i];
        if (old != null) {
            old.release();
        }
        packets[i] = buffer;
        offsets[i] = offset;
        lengths[i] = length;
        sequenceNumbers[i] = sequenceNumber & 0xFFFF;
        timestamps[i] = timestamp;
        markers[i] = marker;
        pictureIds[i] = pictureId;
        tl0PicIdxs[i] = tl0PicIdx;
        resentNanos[i] = Long.MIN_VALUE;
        cachedNanos[i] = nowNanos;
    }

    /**
     * Releases the packets put before {@code oldestNanos}, oldest first, up to the first younger
     * one; the newest always stays.
     */
    public void expire(long oldestNanos) {
        while (live > 1) {
            int i = (newest - live + 1) & mask;
            ByteBuf b = packets[i];
            if (b != null) {
                if (cachedNanos[i] - oldestNanos >= 0) {
                    return;
                }
                b.release();
                packets[i] = null;
            }
            live--;
        }
    }

    /** The slot holding {@code sequenceNumber}, or -1 if it is no longer (or never was) cached. */
    public int find(int sequenceNumber) {
        int i = sequenceNumber & mask;
        return packets[i] != null && sequenceNumbers[i] == (sequenceNumber & 0xFFFF) ? i : -1;
    }

    /** The buffer holding the cached packet of a slot; borrowed. */
    public ByteBuf packet(int slot) {
        return packets[slot];
    }

    /** Absolute index of the cached packet in {@link #packet}. */
    public int offset(int slot) {
        return offsets[slot];
    }

    public int length(int slot) {
        return lengths[slot];
    }

    public long timestamp(int slot) {
        return timestamps[slot];
    }

    public boolean marker(int slot) {
        return markers[slot];
    }

    public int pictureId(int slot) {
        return pictureIds[slot];
    }

    public int tl0PicIdx(int slot) {
        return tl0PicIdxs[slot];
    }

    /**
     * Records a resend unless the packet was resent less than {@code minIntervalNanos} ago (a
     * NACK repeated before our retransmission could arrive).
     *
     * @return true if the packet should be resent now
     */
    public boolean markResent(int slot, long nowNanos, long minIntervalNanos) {
        long last = resentNanos[slot];
        if (last != Long.MIN_VALUE && nowNanos - last < minIntervalNanos) {
            return false;
        }
        resentNanos[slot] = nowNanos;
        return true;
    }

    /** Releases every cached packet. */
    public void close() {
        for (int i = 0; i < packets.length; i++) {
            if (packets[i] != null) {
                packets[i].release();
                packets[i] = null;
            }
        }
    }
}
