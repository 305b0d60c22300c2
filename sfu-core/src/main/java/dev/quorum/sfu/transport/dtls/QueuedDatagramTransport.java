package dev.quorum.sfu.transport.dtls;

import java.io.InterruptedIOException;
import java.time.Duration;
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
 *
 * <p>During the handshake a receive fails with {@link SilentPeerException} once the peer has sent
 * nothing for the silent-peer timeout since our first unanswered flight went out: bctls would
 * otherwise keep re-sending (and hold its thread) until the whole handshake timeout. Our
 * retransmissions do not move that deadline; any datagram from the peer does.
 */
final class QueuedDatagramTransport implements DatagramTransport {

    /** Send limit: keeps handshake flights under common path MTUs (VPNs, TURN). */
    static final int SEND_LIMIT = 1200;

    static final int RECEIVE_LIMIT = 1500;

    private static final byte[] WAKE_UP = new byte[0];

    private final BlockingQueue<byte[]> inbound;
    private final Consumer<byte[]> outbound;
    private final long silentPeerNanos;
    private volatile boolean closed;
    private volatile boolean handshaking = true;
    /** When our first flight since the peer's last datagram went out; -1 when not waiting. Handshake thread. */
    private long waitingSince = -1;

    /**
     * @param capacity          datagrams kept waiting; more are refused
     * @param silentPeerTimeout how long the handshake waits for the peer after our flight
     * @param outbound          where sent datagrams go (called on the worker thread with a fresh array)
     */
    QueuedDatagramTransport(int capacity, Duration silentPeerTimeout, Consumer<byte[]> outbound) {
        this.inbound = new ArrayBlockingQueue<>(capacity + 1);
        this.silentPeerNanos = silentPeerTimeout.toNanos();
        this.outbound = outbound;
    }

    /** The handshake is over: the peer may now be silent for as long as it likes. */
    void handshakeDone() {
        handshaking = false;
    }

    /** Drops whatever is queued (a ClientHello no handshake thread could be found for). */
    void clear() {
        inbound.clear();
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
        long silentFor = handshaking && waitingSince >= 0 ? System.nanoTime() - waitingSince : -1;
        if (silentFor >= silentPeerNanos) {
            throw new SilentPeerException(TimeUnit.NANOSECONDS.toMillis(silentFor));
        }
        long wait = waitMillis <= 0 ? Long.MAX_VALUE : waitMillis;
        if (silentFor >= 0) {
            wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(silentPeerNanos - silentFor) + 1));
        }
        byte[] d;
        try {
            d = wait == Long.MAX_VALUE ? inbound.take() : inbound.poll(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        if (d == null) {
            if (silentFor >= 0 && System.nanoTime() - waitingSince >= silentPeerNanos) {
                throw new SilentPeerException(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitingSince));
            }
            return -1; // bctls re-sends its flight
        }
        if (d == WAKE_UP || closed) {
            throw new InterruptedIOException("DTLS transport closed");
        }
        waitingSince = -1;
        int n = Math.min(len, d.length);
        System.arraycopy(d, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        if (handshaking && waitingSince < 0) {
            waitingSince = System.nanoTime();
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

    /** The peer sent nothing for the silent-peer timeout after our flight; aborts the handshake. */
    static final class SilentPeerException extends InterruptedIOException {
        final long silentMillis;

        SilentPeerException(long silentMillis) {
            super("the peer sent nothing for " + silentMillis + " ms after our last flight");
            this.silentMillis = silentMillis;
        }
    }
}
