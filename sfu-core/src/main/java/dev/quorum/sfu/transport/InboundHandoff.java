package dev.quorum.sfu.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Moves datagrams read by another event loop's socket to the transport's loop without a task
 * per packet: a bounded lock-free queue, and one pre-built drain task scheduled only when the
 * queue goes from idle to busy. (SO_REUSEPORT spreads peers over sockets by address, not by room,
 * so a transport's packets may be read on any loop.)
 */
final class InboundHandoff {

    private final EventLoop loop;
    private final Consumer<DatagramPacket> sink;
    private final Queue<DatagramPacket> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    /** @param sink takes ownership of each datagram, on {@code loop} */
    InboundHandoff(EventLoop loop, int capacity, Consumer<DatagramPacket> sink) {
        this.loop = loop;
        this.sink = sink;
        this.queue = PlatformDependent.newFixedMpscQueue(capacity);
    }

    /** Queues {@code packet} for the loop; takes ownership only when it returns true (not full). */
    boolean offer(DatagramPacket packet) {
        if (!queue.offer(packet)) {
            return false;
        }
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
        DatagramPacket p;
        while ((p = queue.poll()) != null) {
            sink.accept(p);
        }
    }

    /** Hands every queued datagram to {@code discard} (which takes ownership); returns how many. */
    int clear(Consumer<DatagramPacket> discard) {
        int n = 0;
        DatagramPacket p;
        while ((p = queue.poll()) != null) {
            discard.accept(p);
            n++;
        }
        return n;
    }
}
