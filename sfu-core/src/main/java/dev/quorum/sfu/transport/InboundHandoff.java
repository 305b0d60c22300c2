package dev.quorum.sfu.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Moves datagrams read by another event loop's socket to the transport's loop without a task
 * per packet, each with the time its socket read it: a bounded lock-free ring (several reading
 * loops, one draining loop), and one pre-built drain task scheduled only when the ring goes from
 * idle to busy. (SO_REUSEPORT spreads peers over sockets by address, not by room, so a
 * transport's packets may be read on any loop.) The read time travels with the packet because
 * the time it is taken off the ring says how busy this loop was, not when the packet came: the
 * publisher's congestion control reads arrival times in our transport-wide feedback, and a batch
 * stamped together reads to it as a path infinitely fast or suddenly queuing.
 *
 * <p>Each slot carries a sequence number that says whose turn it is (the writer's at {@code
 * position}, the reader's at {@code position + 1}), so a writer claims a slot with one CAS on the
 * tail and publishes it with one ordered store; nothing is allocated per packet.
 */
final class InboundHandoff {

    /** Takes ownership of each packet, on the transport's loop. */
    interface Sink {
        void accept(ByteBuf packet, long arrivalNanos);
    }

    private final EventLoop loop;
    private final Sink sink;
    private final int mask;
    private final ByteBuf[] packets;
    private final long[] arrivals;
    private final AtomicLongArray turns;
    private final AtomicLong tail = new AtomicLong();
    /** The next position to drain; only the transport's loop touches it. */
    private long head;

    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    /** @param capacity a power of two */
    InboundHandoff(EventLoop loop, int capacity, Sink sink) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, not " + capacity);
        }
        this.loop = loop;
        this.sink = sink;
        this.mask = capacity - 1;
        this.packets = new ByteBuf[capacity];
        this.arrivals = new long[capacity];
        this.turns = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            turns.set(i, i);
        }
    }

    /** Queues {@code packet} for the loop; takes ownership only when it returns true (not full). */
    boolean offer(ByteBuf packet, long arrivalNanos) {
        long position;
        int slot;
        while (true) {
            position = tail.get();
            slot = (int) (position & mask);
            long turn = turns.get(slot);
            if (turn == position) {
                if (tail.compareAndSet(position, position + 1)) {
                    break;
                }
            } else if (turn < position) {
                return false; // the slot still holds a packet from one lap ago: full
            }
            // Another reader took this position first: try the next.
        }
        packets[slot] = packet;
        arrivals[slot] = arrivalNanos;
        turns.lazySet(slot, position + 1);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false); // the loop is stopping; clear() releases what is left
            }
        }
        return true;
    }

    private void drain() {
        drainScheduled.set(false);
        drainTo(sink);
    }

    private int drainTo(Sink to) {
        int n = 0;
        while (true) {
            int slot = (int) (head & mask);
            if (turns.get(slot) != head + 1) {
                return n; // empty, or a reader has claimed the slot and not yet filled it
            }
            ByteBuf packet = packets[slot];
            long arrival = arrivals[slot];
            packets[slot] = null;
            turns.lazySet(slot, head + mask + 1);
            head++;
            n++;
            to.accept(packet, arrival);
        }
    }

    /** Hands every queued packet to {@code discard} (which takes ownership); returns how many. */
    int clear(Sink discard) {
        return drainTo(discard);
    }
}
