package dev.quorum.sfu.transport.dtls;

import dev.quorum.sfu.transport.CloseReason;
import dev.quorum.sfu.transport.DropReason;
import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.srtp.SrtpKeys;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * The DTLS server of one transport: one {@link DtlsAssociation} at a time, checked against the
 * certificate fingerprint of the peer's latest description.
 *
 * <p>A fingerprint names one certificate, and so one peer connection. When the peer's latest
 * description names another one than the association was started with, the peer has replaced its
 * connection (RFC 8842 §5: a changed fingerprint means a new DTLS association): the association
 * ends without a word to the old connection and a fresh one waits for the new connection's
 * ClientHello. The same happens, with the fingerprint then known, when a certificate that arrived
 * before any fingerprint does not match the one that came after it: that handshake was an earlier
 * connection's, whose description never reached us. A certificate that does not match a
 * fingerprint already known fails the session ({@code bad_certificate}).
 *
 * <p>{@link Listener} methods run on worker threads.
 */
public final class DtlsSession {

    /** Outcomes of the session, called on a worker thread, at most one terminal call. */
    public interface Listener {
        /**
         * A handshake completed; {@code keys} are its SRTP keys. Called as soon as bctls has them,
         * before {@link #isConnected()} turns true; called again with new keys if the peer
         * replaced its connection and a new association completed.
         */
        void onHandshakeComplete(SrtpKeys keys);

        /** The handshake failed or timed out, or a fatal alert ended the association. */
        void onFailed(CloseReason reason, String detail);

        /** The peer closed the association with close_notify. */
        void onClosedByPeer();

        /** Application data arrived (we offer no data channels); one call per record. */
        void onUnexpectedData();

        /** The association was replaced by a fresh one, for the reason given (for the log). */
        default void onNewAssociation(String why) {}
    }

    // Given
    private final DtlsEndpoint endpoint;
    private final Consumer<byte[]> outbound;
    private final Listener listener;

    // Owned
    private final DtlsAssociation.Owner owner = new Owner();
    private volatile DtlsAssociation current;
    private boolean closed; // guarded by this

    /**
     * @param remoteFingerprint the fingerprint from the peer's SDP its certificate must match, or
     *                          null when it is not known yet (see {@link #setRemoteFingerprint})
     * @param outbound          sends a datagram to the peer (called on worker threads)
     */
    public DtlsSession(
            DtlsEndpoint endpoint, DtlsFingerprint remoteFingerprint, Consumer<byte[]> outbound, Listener listener) {
        this.endpoint = endpoint;
        this.outbound = outbound;
        this.listener = listener;
        this.current = new DtlsAssociation(endpoint, remoteFingerprint, outbound, owner);
    }

    /**
     * The fingerprint of the peer's latest SDP. A handshake that reached the peer's certificate
     * before the first one waits for it; a different one than the current association's starts a
     * new association. Any thread.
     */
    public synchronized void setRemoteFingerprint(DtlsFingerprint fingerprint) {
        DtlsAssociation a = current;
        DtlsFingerprint had = a.remoteFingerprint();
        if (closed || fingerprint.equals(had)) {
            return;
        }
        if (had == null) {
            a.setRemoteFingerprint(fingerprint);
            return;
        }
        replace(
                a,
                fingerprint,
                "the peer's description names another certificate (" + fingerprint.toSdpValue()
                        + "): it replaced its connection");
    }

    /**
     * Queues a DTLS datagram for the current association, starting its handshake or a read as
     * needed. Borrows {@code datagram} (its bytes are copied). Called on the transport's event loop.
     *
     * @return null when the datagram was taken, else why it was dropped
     */
    public DropReason receive(ByteBuf datagram) {
        return current.receive(datagram);
    }

    /** Whether the current association completed its handshake and is not closed. */
    public boolean isConnected() {
        return current.isConnected();
    }

    /**
     * Ends the session without reporting to the listener: sends close_notify if the handshake
     * completed and stops any handshake in progress. Safe from any thread, more than once.
     */
    public void close() {
        DtlsAssociation a;
        synchronized (this) {
            closed = true;
            a = current;
        }
        a.close(true);
    }

    private synchronized void replace(DtlsAssociation old, DtlsFingerprint fingerprint, String why) {
        if (closed || current != old) {
            return;
        }
        current = new DtlsAssociation(endpoint, fingerprint, outbound, owner);
        old.close(false);
        listener.onNewAssociation(why);
    }

    /** Passes on what the current association reports; a replaced one has nothing more to say. */
    private final class Owner implements DtlsAssociation.Owner {
        @Override
        public void onKeys(DtlsAssociation from, SrtpKeys keys) {
            if (from == current) {
                listener.onHandshakeComplete(keys);
            }
        }

        @Override
        public void onFailed(DtlsAssociation from, CloseReason reason, String detail) {
            if (from == current) {
                listener.onFailed(reason, detail);
            }
        }

        @Override
        public void onClosedByPeer(DtlsAssociation from) {
            if (from == current) {
                listener.onClosedByPeer();
            }
        }

        @Override
        public void onUnexpectedData(DtlsAssociation from) {
            if (from == current) {
                listener.onUnexpectedData();
            }
        }

        @Override
        public void onCertificateOfAnotherConnection(DtlsAssociation from, DtlsFingerprint fingerprint) {
            replace(
                    from,
                    fingerprint,
                    "a handshake started before the peer's description carried a certificate "
                            + "other than its fingerprint (" + fingerprint.toSdpValue() + "): an earlier connection's");
        }
    }
}
