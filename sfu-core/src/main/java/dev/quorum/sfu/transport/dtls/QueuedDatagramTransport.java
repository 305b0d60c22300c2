package dev.quorum.sfu.transport.dtls;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * bctls's blocking datagram interface over a queue the event loop fills: the handshake worker
 * blocks in {@link #receive}, the event loop {@link #offer}s copies of inbound DTLS datagrams,
 * and {@link #send} hands outbound datagrams to the transport's selected tuple.
 *
 * <p>Datagrams offered before the worker starts (an early ClientHello) wait in the queue.
 * Closing wakes a blocked worker, whose next receive then aborts the handshake.
 */
final class QueuedDatagramTransport implements DatagramTransport {

    /** Send limit: keeps handshake flights under common path MTUs (VPNs, TURN). */
    static final int SEND_LIMIT = 1200;
    static final int RECEIVE_LIMIT = 1500;

    private static final byte[] WAKE_UP = new byte[0];

    private final BlockingQueue<byte[]> inbound;
    private final Consumer<byte[]> outbound;
    private volatile boolean closed;

    /**
     * @param capacity datagrams kept waiting; more are refused
     * @param outbound where sent datagrams go (called on the worker thread with a fresh array)
     */
    QueuedDatagramTransport(int capacity, Consumer<byte[]> outbound) {
        this.inbound = new ArrayBlockingQueue<>(capacity + 1);
        this.outbound = outbound;
    }

    /** Queues a datagram from the network; false when the queue is full or closed. */
    boolean offer(byte[] datagram) {
        return !closed && inbound.offer(datagram);
    }

    boolean hasPending() {
        return !inbound.isEmpty();
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws InterruptedIOException {
        if (closed) {
            throw new InterruptedIOException("DTLS transport closed");
        }
        byte[] d;
        try {
            d = waitMillis <= 0 ? inbound.take() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        if (d == null) {
            return -1;
        }
        if (d == WAKE_UP || closed) {
            throw new InterruptedIOException("DTLS transport closed");
        }
        int n = Math.min(len, d.length);
        System.arraycopy(d, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        outbound.accept(copy);
    }

    /** Stops sending and receiving; a worker blocked in {@link #receive} wakes up and fails. */
    @Override
    public void close() {
        closed = true;
        inbound.clear();
        inbound.offer(WAKE_UP);
    }
}
