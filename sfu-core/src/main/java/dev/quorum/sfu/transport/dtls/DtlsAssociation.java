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
 * One DTLS association of a transport: bctls's blocking server handshake bridged to the event
 * loop, then the reads that keep it alive. Its {@link DtlsSession} replaces it with a fresh one
 * when the peer turns out to be another connection (another certificate).
 *
 * <p>The first datagram (normally the ClientHello) starts {@code accept()} on a handshake thread
 * of its own; datagrams arriving before it runs wait in the queue. When no handshake thread is
 * available (the endpoint's limit) the datagram is dropped and the association stays new: the
 * client's retransmitted ClientHello tries again. A handshake ends when it completes, fails, times
 * out, or the peer falls silent after our flight. Each later datagram (a retransmitted client
 * flight whose answer, our last flight, was lost; an alert; close_notify) schedules a short read on
 * a worker, because bctls only re-sends its last flight and notices alerts while someone calls
 * {@link DTLSTransport#receive}.
 */
final class DtlsAssociation {

    /** Outcomes, on worker threads, naming the association they come from; at most one terminal call. */
    interface Owner {
        void onKeys(DtlsAssociation from, SrtpKeys keys);

        void onFailed(DtlsAssociation from, CloseReason reason, String detail);

        void onClosedByPeer(DtlsAssociation from);

        void onUnexpectedData(DtlsAssociation from);

        /**
         * The peer's certificate arrived before any fingerprint and does not match the one that
         * came later: this handshake was another connection's, whose description never reached
         * us. It ended without an alert; {@code fingerprint} is the one now expected.
         */
        void onCertificateOfAnotherConnection(DtlsAssociation from, DtlsFingerprint fingerprint);
    }

    private enum State {
        NEW,
        HANDSHAKING,
        CONNECTED,
        CLOSED
    }

    // Given
    private final DtlsEndpoint endpoint;
    private final Owner owner;

    // Owned
    private final QueuedDatagramTransport transport;
    private final DtlsSrtpServer server;
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final CompletableFuture<DtlsFingerprint> remoteFingerprint = new CompletableFuture<>();
    private volatile State state = State.NEW;
    private volatile DTLSTransport dtls;
    private volatile boolean anotherConnection;

    /**
     * @param remoteFingerprint the fingerprint from the peer's SDP its certificate must match, or
     *                          null when it is not known yet (see {@link #setRemoteFingerprint})
     * @param outbound          sends a datagram to the peer (called on worker threads)
     */
    DtlsAssociation(DtlsEndpoint endpoint, DtlsFingerprint remoteFingerprint, Consumer<byte[]> outbound, Owner owner) {
        if (remoteFingerprint != null) {
            this.remoteFingerprint.complete(remoteFingerprint);
        }
        this.endpoint = endpoint;
        this.owner = owner;
        this.transport = new QueuedDatagramTransport(endpoint.queueCapacity(), endpoint.silentPeerTimeout(), outbound);
        this.server = new DtlsSrtpServer(
                endpoint.crypto(),
                endpoint.certificate(),
                new DtlsSrtpServer.RemoteFingerprint() {
                    @Override
                    public DtlsFingerprint now() {
                        return remoteFingerprint();
                    }

                    @Override
                    public DtlsFingerprint await(long timeoutMillis) throws InterruptedException {
                        return awaitRemoteFingerprint(timeoutMillis);
                    }
                },
                (int) endpoint.handshakeTimeout().toMillis(),
                new DtlsSrtpServer.Events() {
                    @Override
                    public void onAlertReceived(short level, short description) {
                        DtlsAssociation.this.onAlertReceived(level, description);
                    }

                    @Override
                    public void onKeys(SrtpKeys keys) {
                        if (state != State.CLOSED) {
                            owner.onKeys(DtlsAssociation.this, keys);
                        }
                    }

                    @Override
                    public void onCertificateOfAnotherConnection() {
                        // Not ours to answer: the alert bctls is about to send must not reach the
                        // peer now at the selected address, whose own handshake may be under way.
                        anotherConnection = true;
                        transport.close();
                    }
                });
    }

    /**
     * The fingerprint from the peer's SDP, when it was not known at creation (we sent the offer).
     * A handshake that reached the peer's certificate waits for it. Only the first call counts.
     * Any thread.
     */
    void setRemoteFingerprint(DtlsFingerprint fingerprint) {
        remoteFingerprint.complete(fingerprint);
    }

    /** The fingerprint the peer's certificate is checked against, or null while unknown. */
    DtlsFingerprint remoteFingerprint() {
        return remoteFingerprint.isDone() && !remoteFingerprint.isCompletedExceptionally()
                ? remoteFingerprint.getNow(null)
                : null;
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
    DropReason receive(ByteBuf datagram) {
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

    /** Whether the handshake completed and the association is not closed. */
    boolean isConnected() {
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
            if (anotherConnection && state != State.CLOSED && terminated.compareAndSet(false, true)) {
                state = State.CLOSED;
                owner.onCertificateOfAnotherConnection(this, remoteFingerprint());
                return;
            }
            fail(
                    CloseReason.DTLS_FAILED,
                    AlertDescription.getText(e.getAlertDescription())
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
                    owner.onUnexpectedData(this);
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
                owner.onClosedByPeer(this);
            }
        } else if (level == AlertLevel.fatal) {
            fail(
                    state == State.CONNECTED ? CloseReason.DTLS_ALERT : CloseReason.DTLS_FAILED,
                    "peer sent " + DtlsSrtpServer.describe(level, description));
        }
    }

    private void fail(CloseReason reason, String detail) {
        if (state != State.CLOSED && terminated.compareAndSet(false, true)) {
            state = State.CLOSED;
            transport.close();
            owner.onFailed(this, reason, detail);
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
     * Ends the association without reporting to the owner: sends close_notify if the handshake
     * completed and {@code notifyPeer}, and stops any handshake in progress. Any thread, more
     * than once.
     */
    void close(boolean notifyPeer) {
        terminated.set(true);
        remoteFingerprint.cancel(false);
        State before = state;
        state = State.CLOSED;
        DTLSTransport t = dtls;
        if (notifyPeer && before == State.CONNECTED && t != null) {
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
