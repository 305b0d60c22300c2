package dev.quorum.sfu.transport.dtls;

import dev.quorum.sfu.transport.CloseReason;
import dev.quorum.sfu.transport.DropReason;
import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.srtp.SrtpKeys;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * The DTLS server of one transport, bridging the event loop and bctls's blocking API.
 *
 * <p>The first datagram (normally the ClientHello) starts {@code accept()} on a handshake thread
 * of its own; datagrams arriving before it runs wait in the queue. When no handshake thread is
 * available (the endpoint's limit) the datagram is dropped and the session stays new: the
 * client's retransmitted ClientHello tries again. A handshake ends when it completes, fails, times
 * out, or the peer falls silent after our flight. Each later datagram (a retransmitted client
 * flight whose answer, our last flight, was lost; an alert; close_notify) schedules a short read on
 * a worker, because bctls only re-sends its last flight and notices alerts while someone calls
 * {@link DTLSTransport#receive}.
 *
 * <p>{@link Listener} methods run on worker threads.
 */
public final class DtlsSession {

    /** Outcomes of the session, called on a worker thread, at most one terminal call. */
    public interface Listener {
        /**
         * The handshake completed; {@code keys} are this association's SRTP keys. Called as soon
         * as bctls has them, before {@link #isConnected()} turns true.
         */
        void onHandshakeComplete(SrtpKeys keys);

        /** The handshake failed or timed out, or a fatal alert ended the association. */
        void onFailed(CloseReason reason, String detail);

        /** The peer closed the association with close_notify. */
        void onClosedByPeer();

        /** Application data arrived (we offer no data channels); one call per record. */
        void onUnexpectedData();
    }

    private enum State { NEW, HANDSHAKING, CONNECTED, CLOSED }

    // Given
    private final DtlsEndpoint endpoint;
    private final Listener listener;

    // Owned
    private final QueuedDatagramTransport transport;
    private final DtlsSrtpServer server;
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final CompletableFuture<DtlsFingerprint> remoteFingerprint = new CompletableFuture<>();
    private volatile State state = State.NEW;
    private volatile DTLSTransport dtls;

    /**
     * @param remoteFingerprint the fingerprint from the peer's SDP its certificate must match, or
     *                          null when it is not known yet (see {@link #setRemoteFingerprint})
     * @param outbound          sends a datagram to the peer (called on worker threads)
     */
    public DtlsSession(DtlsEndpoint endpoint, DtlsFingerprint remoteFingerprint, Consumer<byte[]> outbound,
                       Listener listener) {
        if (remoteFingerprint != null) {
            this.remoteFingerprint.complete(remoteFingerprint);
        }
        this.endpoint = endpoint;
        this.listener = listener;
        this.transport = new QueuedDatagramTransport(endpoint.queueCapacity(), endpoint.silentPeerTimeout(), outbound);
        this.server = new DtlsSrtpServer(endpoint.crypto(), endpoint.certificate(), this::awaitRemoteFingerprint,
                (int) endpoint.handshakeTimeout().toMillis(), new DtlsSrtpServer.Events() {
                    @Override
                    public void onAlertReceived(short level, short description) {
                        DtlsSession.this.onAlertReceived(level, description);
                    }

                    @Override
                    public void onKeys(SrtpKeys keys) {
                        if (state != State.CLOSED) {
                            listener.onHandshakeComplete(keys);
                        }
                    }
                });
    }

    /**
     * The fingerprint from the peer's SDP, when it was not known at creation (we sent the offer).
     * A handshake that reached the peer's certificate waits for it. Only the first call counts:
     * an association keeps the certificate it was established with. Any thread.
     */
    public void setRemoteFingerprint(DtlsFingerprint fingerprint) {
        remoteFingerprint.complete(fingerprint);
    }

    private DtlsFingerprint awaitRemoteFingerprint(long timeoutMillis) throws InterruptedException {
        try {
            return remoteFingerprint.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException | CancellationException e) {
            return null;
        }
    }

    /**
     * Queues a DTLS datagram and starts the handshake or a read as needed. Borrows
     * {@code datagram} (its bytes are copied). Called on the transport's event loop.
     *
     * @return null when the datagram was taken, else why it was dropped
     */
    public DropReason receive(ByteBuf datagram) {
        if (state == State.CLOSED) {
            return DropReason.TRANSPORT_CLOSED;
        }
        if (!transport.offer(ByteBufUtil.getBytes(datagram))) {
            return DropReason.DTLS_QUEUE_FULL;
        }
        if (state == State.NEW) {
            state = State.HANDSHAKING;
            try {
                endpoint.handshakes().execute(this::handshake);
            } catch (RejectedExecutionException e) {
                // As many handshakes as allowed are running: forget this ClientHello, the
                // client sends it again after its retransmission timeout.
                transport.clear();
                state = State.NEW;
                return DropReason.DTLS_HANDSHAKE_LIMIT;
            }
        } else if (state == State.CONNECTED) {
            schedulePump();
        }
        return null;
    }

    /** Whether the handshake completed and the session is not closed. */
    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    private void handshake() {
        try {
            DTLSTransport t = new DTLSServerProtocol().accept(server, transport);
            transport.handshakeDone();
            if (state == State.CLOSED) {
                t.close();
                return;
            }
            dtls = t;
            state = State.CONNECTED;
            schedulePump();
        } catch (QueuedDatagramTransport.SilentPeerException e) {
            fail(CloseReason.DTLS_TIMEOUT, "handshake abandoned: " + e.getMessage());
        } catch (TlsTimeoutException e) {
            fail(CloseReason.DTLS_TIMEOUT, "handshake timed out");
        } catch (TlsFatalAlertReceived e) {
            fail(CloseReason.DTLS_FAILED, "peer sent " + AlertDescription.getText(e.getAlertDescription()));
        } catch (TlsFatalAlert e) {
            fail(CloseReason.DTLS_FAILED, AlertDescription.getText(e.getAlertDescription())
                    + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        } catch (IOException | RuntimeException e) {
            fail(CloseReason.DTLS_FAILED, e.toString());
        }
    }

    private void schedulePump() {
        if (transport.hasPending() && state == State.CONNECTED && pumping.compareAndSet(false, true)) {
            submitWork(this::pump);
        }
    }

    private void pump() {
        byte[] buf = new byte[QueuedDatagramTransport.RECEIVE_LIMIT];
        try {
            while (state == State.CONNECTED && transport.hasPending()) {
                if (dtls.receive(buf, 0, buf.length, 1) >= 0) {
                    listener.onUnexpectedData();
                }
            }
        } catch (TlsFatalAlertReceived e) {
            fail(CloseReason.DTLS_ALERT, "peer sent " + AlertDescription.getText(e.getAlertDescription()));
        } catch (IOException | RuntimeException e) {
            fail(CloseReason.DTLS_ALERT, e.toString());
        } finally {
            pumping.set(false);
        }
        schedulePump();
    }

    private void onAlertReceived(short level, short description) {
        if (description == AlertDescription.close_notify) {
            if (terminated.compareAndSet(false, true)) {
                state = State.CLOSED;
                listener.onClosedByPeer();
            }
        } else if (level == AlertLevel.fatal) {
            fail(state == State.CONNECTED ? CloseReason.DTLS_ALERT : CloseReason.DTLS_FAILED,
                    "peer sent " + DtlsSrtpServer.describe(level, description));
        }
    }

    private void fail(CloseReason reason, String detail) {
        if (state != State.CLOSED && terminated.compareAndSet(false, true)) {
            state = State.CLOSED;
            transport.close();
            listener.onFailed(reason, detail);
        }
    }

    private void submitWork(Runnable task) {
        try {
            endpoint.workers().execute(task);
        } catch (RejectedExecutionException e) {
            pumping.set(false);
            fail(CloseReason.DTLS_FAILED, "no DTLS worker available");
        }
    }

    /**
     * Ends the session without reporting to the listener: sends close_notify if the handshake
     * completed and stops any handshake in progress. Safe from any thread, more than once.
     */
    public void close() {
        terminated.set(true);
        remoteFingerprint.cancel(false);
        State before = state;
        state = State.CLOSED;
        DTLSTransport t = dtls;
        if (before == State.CONNECTED && t != null) {
            try {
                endpoint.workers().execute(() -> closeQuietly(t));
                return;
            } catch (RejectedExecutionException e) {
                closeQuietly(t);
                return;
            }
        }
        transport.close();
    }

    private void closeQuietly(DTLSTransport t) {
        try {
            t.close(); // sends close_notify, then closes our transport
        } catch (IOException | RuntimeException e) {
            transport.close();
        }
    }
}
