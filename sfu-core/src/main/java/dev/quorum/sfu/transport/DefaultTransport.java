package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.dtls.DtlsRecords;
import dev.quorum.sfu.transport.dtls.DtlsSession;
import dev.quorum.sfu.transport.srtp.SrtpKeys;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import dev.quorum.sfu.transport.srtp.SrtpResult;
import dev.quorum.sfu.transport.srtp.SrtpSession;
import dev.quorum.sfu.transport.stun.StunDecodeResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport: a thin coordinator of its ICE side, DTLS session and SRTP session, living on one
 * event loop. Fields that are neither final nor volatile belong to that loop.
 *
 * <p>Inbound packets reach it from the router on whatever loop read them; UDP packets read on
 * another loop move over through {@link InboundHandoff} (no allocation per packet).
 */
final class DefaultTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultTransport.class);
    private static final int HANDOFF_CAPACITY = 1024;
    private static final int EARLY_MEDIA_CAPACITY = 64;
    private static final int MAX_SRTP_STREAMS = 1024;

    // Given
    private final String id;
    private final EventLoop loop;
    private final Listener listener;
    private final PortContext port;

    // Owned
    private final TransportIce ice;
    private final DtlsSession dtls;
    private final EarlyMedia earlyMedia = new EarlyMedia(EARLY_MEDIA_CAPACITY);
    private final InboundHandoff handoff;
    private final long handshakeTimeoutNanos;
    private volatile TransportState state = TransportState.NEW;
    private volatile IceTuple selected;
    private volatile SrtpSession srtp;
    private volatile SrtpSession pendingSrtp;
    private ScheduledFuture<?> timer;
    private long iceSelectedAtNanos;
    private long dtlsStartedAtNanos = -1;
    /** A new DTLS association replaces one that had keys: inbound media waits for the new keys. */
    private boolean rekeying;

    private boolean listenerFailureLogged;

    /**
     * @param remoteFingerprint the peer's SDP fingerprint, or null until {@link #setRemoteFingerprint}
     */
    DefaultTransport(
            String id, EventLoop loop, DtlsFingerprint remoteFingerprint, Listener listener, PortContext port) {
        this.id = id;
        this.loop = loop;
        this.listener = listener;
        this.port = port;
        this.handshakeTimeoutNanos = port.config().handshakeTimeout().toNanos();
        this.ice = new TransportIce(this, port, this::onSelected);
        this.handoff =
                new InboundHandoff(loop, HANDOFF_CAPACITY, (p, arrival) -> onMedia(PacketKind.of(p), p, arrival));
        this.dtls = new DtlsSession(port.dtls(), remoteFingerprint, this::sendDtls, new DtlsEvents());
        port.metrics().stateChanged(null, TransportState.NEW);
    }

    /** Registers fresh credentials and starts the consent timer; called once, before use. */
    void start() {
        ice.start();
        port.open().add(this);
        long period = Math.max(
                TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(
                        TimeUnit.SECONDS.toNanos(1),
                        port.config().consentTimeout().toNanos() / 4));
        timer = loop.scheduleAtFixedRate(this::checkTimers, period, period, TimeUnit.NANOSECONDS);
    }

    // ---- Inbound, from the router on any thread --------------------------------------------

    /** A decoded STUN request for one of our ufrags. Takes ownership of {@code raw}. */
    void deliverStun(StunDecodeResult.Decoded decoded, ByteBuf raw, IceTuple tuple) {
        if (loop.inEventLoop()) {
            onStun(decoded, raw, tuple);
            return;
        }
        try {
            loop.execute(() -> onStun(decoded, raw, tuple));
        } catch (RejectedExecutionException e) {
            dropInbound(DropReason.TRANSPORT_CLOSED, raw);
        }
    }

    /**
     * DTLS, RTP or RTCP from one of our validated UDP addresses, read at {@code arrivalNanos}.
     * Takes ownership of {@code packet}.
     */
    void deliverUdp(PacketKind kind, ByteBuf packet, long arrivalNanos) {
        if (loop.inEventLoop()) {
            onMedia(kind, packet, arrivalNanos);
            return;
        }
        if (!handoff.offer(packet, arrivalNanos)) {
            dropInbound(DropReason.HANDOFF_QUEUE_FULL, packet);
        }
    }

    /** DTLS, RTP or RTCP on an ICE-TCP connection bound to us. Takes ownership of {@code frame}. */
    void deliverTcp(PacketKind kind, ByteBuf frame, long arrivalNanos) {
        if (loop.inEventLoop()) {
            onMedia(kind, frame, arrivalNanos);
            return;
        }
        try {
            loop.execute(() -> onMedia(kind, frame, arrivalNanos));
        } catch (RejectedExecutionException e) {
            dropInbound(DropReason.TRANSPORT_CLOSED, frame);
        }
    }

    /** An ICE-TCP connection bound to us closed. */
    void onTcpClosed(TcpTuple tuple) {
        try {
            loop.execute(() -> {
                if (state != TransportState.CLOSED) {
                    ice.onTcpClosed(tuple);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Transport {}: event loop already stopped", id);
        }
    }

    // ---- On the loop ---------------------------------------------------------------------

    private void onStun(StunDecodeResult.Decoded decoded, ByteBuf raw, IceTuple tuple) {
        try {
            if (state == TransportState.CLOSED) {
                port.metrics().dropInbound(DropReason.TRANSPORT_CLOSED);
            } else {
                ice.onStun(decoded, raw, tuple);
            }
        } finally {
            raw.release();
        }
    }

    private void onSelected(IceTuple tuple, long now) {
        IceTuple before = selected;
        selected = tuple;
        if (state == TransportState.NEW) {
            setState(TransportState.CONNECTING);
            iceSelectedAtNanos = now;
            LOG.debug("Transport {}: ICE selected {}", id, tuple);
        } else if (tuple != null) {
            LOG.info("Transport {}: peer moved from {} to {}", id, before, tuple);
        }
        if (tuple != null) {
            try {
                listener.onSelectedTupleChanged(tuple);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    private void onMedia(PacketKind kind, ByteBuf packet, long arrivalNanos) {
        if (state == TransportState.CLOSED) {
            dropInbound(DropReason.TRANSPORT_CLOSED, packet);
        } else if (kind == PacketKind.DTLS) {
            onDtls(packet);
        } else {
            onSrtp(kind, packet, arrivalNanos);
        }
    }

    private void onDtls(ByteBuf packet) {
        try {
            if (!DtlsRecords.isWellFormed(packet)) {
                port.metrics().dropInbound(DropReason.DTLS_MALFORMED);
                return;
            }
            if (dtlsStartedAtNanos < 0) {
                dtlsStartedAtNanos = port.clock().getAsLong();
            }
            DropReason dropped = dtls.receive(packet);
            if (dropped != null) {
                port.metrics().dropInbound(dropped);
            } else {
                port.metrics().accepted();
            }
        } finally {
            packet.release();
        }
    }

    private void onSrtp(PacketKind kind, ByteBuf packet, long arrivalNanos) {
        SrtpSession s = srtp;
        SrtpSession pending = pendingSrtp;
        if (pending != s && pending != null) {
            // The keys are ready on the DTLS worker and the peer's media overtook the notice.
            markConnected();
            s = srtp;
        }
        if (s == null || rekeying) {
            if (dtlsStartedAtNanos < 0 || !earlyMedia.hold(kind, packet, arrivalNanos)) {
                dropInbound(DropReason.SRTP_NOT_READY, packet);
            }
            return;
        }
        if (!MediaBuffers.isTransformable(packet)) {
            // epoll and ICE-TCP deliver direct or exactly-sized buffers; jitsi-srtp needs an array.
            ByteBuf copy = MediaBuffers.copyOf(packet);
            packet.release();
            packet = copy;
        }
        SrtpResult result = kind == PacketKind.RTP ? s.unprotectRtp(packet) : s.unprotectRtcp(packet);
        if (result != SrtpResult.OK) {
            dropInbound(result.dropReason(), packet);
            return;
        }
        port.metrics().accepted();
        try {
            if (kind == PacketKind.RTP) {
                listener.onRtp(packet, arrivalNanos);
            } else {
                listener.onRtcp(packet, arrivalNanos);
            }
        } catch (RuntimeException e) {
            listenerFailed(e);
        } finally {
            packet.release(); // the listener borrowed it
        }
    }

    private void checkTimers() {
        long now = port.clock().getAsLong();
        if (ice.isConsentExpired(now)) {
            close(
                    ice.wasEverSelected() ? CloseReason.CONSENT_EXPIRED : CloseReason.ICE_TIMEOUT,
                    "no valid ICE check for " + port.config().consentTimeout().toMillis() + " ms");
        } else if (state == TransportState.CONNECTING && now - iceSelectedAtNanos > handshakeTimeoutNanos) {
            close(
                    CloseReason.DTLS_TIMEOUT,
                    "no DTLS handshake within "
                            + port.config().handshakeTimeout().toMillis() + " ms of ICE connecting");
        }
    }

    private void markConnected() {
        SrtpSession s = pendingSrtp;
        SrtpSession before = srtp;
        if (state == TransportState.CLOSED || before == s || s == null) {
            return;
        }
        srtp = s;
        if (before != null) {
            // A new DTLS association (the peer replaced its connection): its keys from now on.
            before.close();
            rekeying = false;
            LOG.info("Transport {}: new DTLS association over {} with {}", id, selected, s.profile());
            earlyMedia.drainTo(this::onMedia);
            return;
        }
        long took = port.clock().getAsLong() - dtlsStartedAtNanos;
        port.metrics().handshakeCompleted(took);
        setState(TransportState.CONNECTED);
        LOG.info(
                "Transport {} connected over {} with {} (DTLS {} ms)",
                id,
                selected,
                s.profile(),
                TimeUnit.NANOSECONDS.toMillis(took));
        try {
            listener.onConnected();
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
        earlyMedia.drainTo(this::onMedia);
    }

    private void close(CloseReason reason, String detail) {
        if (state == TransportState.CLOSED) {
            return;
        }
        setState(TransportState.CLOSED);
        port.metrics().closed(reason);
        if (timer != null) {
            timer.cancel(false);
        }
        ice.close();
        dtls.close();
        SrtpSession s = pendingSrtp;
        if (s != null) {
            s.close();
        }
        SrtpSession current = srtp;
        if (current != null && current != s) {
            current.close();
        }
        for (int n = earlyMedia.clear(); n > 0; n--) {
            port.metrics().dropInbound(DropReason.TRANSPORT_CLOSED);
        }
        handoff.clear((p, arrival) -> dropInbound(DropReason.TRANSPORT_CLOSED, p));
        if (reason.isFailure()) {
            LOG.info("Transport {} failed: {} ({})", id, reason, detail);
        } else {
            LOG.info("Transport {} closed: {} ({})", id, reason, detail);
        }
        port.router().forget(this);
        port.open().remove(this);
        try {
            listener.onClosed(reason);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private void setState(TransportState next) {
        TransportState before = state;
        state = next;
        port.metrics().stateChanged(before, next);
    }

    private void listenerFailed(RuntimeException e) {
        if (!listenerFailureLogged) {
            listenerFailureLogged = true;
            LOG.warn("Transport {}: listener threw (logged once per transport)", id, e);
        }
    }

    private void dropInbound(DropReason reason, ByteBuf packet) {
        port.metrics().dropInbound(reason);
        packet.release();
    }

    private void dropOutbound(DropReason reason, ByteBuf packet) {
        port.metrics().dropOutbound(reason);
        packet.release();
    }

    // ---- Outbound, any thread ------------------------------------------------------------

    private void sendDtls(byte[] datagram) {
        port.metrics().sending();
        IceTuple t = selected;
        if (t == null || state == TransportState.CLOSED) {
            port.metrics().dropOutbound(t == null ? DropReason.NO_SELECTED_TUPLE : DropReason.TRANSPORT_CLOSED);
            return;
        }
        port.metrics().sent(PacketKind.DTLS, datagram.length);
        port.sockets().send(t, Unpooled.wrappedBuffer(datagram));
    }

    @Override
    public boolean sendRtp(ByteBuf packet) {
        return sendSrtp(PacketKind.RTP, packet);
    }

    @Override
    public boolean sendRtcp(ByteBuf packet) {
        return sendSrtp(PacketKind.RTCP, packet);
    }

    private boolean sendSrtp(PacketKind kind, ByteBuf packet) {
        port.metrics().sending();
        SrtpSession s = srtp;
        IceTuple t = selected;
        if (state == TransportState.CLOSED || s == null || t == null) {
            dropOutbound(
                    state == TransportState.CLOSED
                            ? DropReason.TRANSPORT_CLOSED
                            : s == null ? DropReason.SRTP_NOT_READY : DropReason.NO_SELECTED_TUPLE,
                    packet);
            return false;
        }
        if (!MediaBuffers.isTransformable(packet)) {
            ByteBuf copy = MediaBuffers.copyOf(packet);
            packet.release();
            packet = copy;
        }
        SrtpResult result = kind == PacketKind.RTP ? s.protectRtp(packet) : s.protectRtcp(packet);
        if (result != SrtpResult.OK) {
            dropOutbound(result.dropReason(), packet);
            return false;
        }
        port.metrics().sent(kind, packet.readableBytes());
        port.sockets().send(t, packet);
        return true;
    }

    @Override
    public void setRemoteFingerprint(DtlsFingerprint fingerprint) {
        dtls.setRemoteFingerprint(Objects.requireNonNull(fingerprint, "fingerprint"));
    }

    @Override
    public IceCredentials restartIce() {
        IceCredentials fresh = ice.restart();
        LOG.info("Transport {}: ICE restart with new credentials", id);
        return fresh;
    }

    @Override
    public void close() {
        closeWith(CloseReason.CLOSED_LOCALLY, "closed by the application");
    }

    /** Closes from any thread; runs on the loop. */
    void closeWith(CloseReason reason, String detail) {
        if (loop.inEventLoop()) {
            close(reason, detail);
            return;
        }
        try {
            loop.execute(() -> close(reason, detail));
        } catch (RejectedExecutionException e) {
            LOG.debug("Transport {}: event loop already stopped", id);
        }
    }

    // ---- Accessors -----------------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public TransportDescription description() {
        return new TransportDescription(ice.current(), port.dtls().certificate().fingerprint(), port.candidates());
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public TransportState state() {
        return state;
    }

    @Override
    public IceTuple selectedTuple() {
        return selected;
    }

    @Override
    public SrtpProfile srtpProfile() {
        SrtpSession s = srtp;
        return s == null ? null : s.profile();
    }

    @Override
    public String toString() {
        return "Transport[" + id + ", " + state + "]";
    }

    /** DTLS outcomes arrive on worker threads and move to the loop. */
    private final class DtlsEvents implements DtlsSession.Listener {
        @Override
        public void onHandshakeComplete(SrtpKeys keys) {
            SrtpSession s = new SrtpSession(keys, true, MAX_SRTP_STREAMS);
            SrtpSession unused = pendingSrtp != srtp ? pendingSrtp : null;
            pendingSrtp = s;
            if (unused != null) {
                runOnLoop(unused::close); // keys of an association replaced before the loop took them
            }
            if (state == TransportState.CLOSED) {
                s.close();
                return;
            }
            runOnLoop(DefaultTransport.this::markConnected);
        }

        @Override
        public void onNewAssociation(String why) {
            LOG.info("Transport {}: new DTLS association: {}", id, why);
            // Media the new connection sends as soon as its side of DTLS is done can overtake our
            // keys; the old keys would reject it, so it is held like media before the first keys.
            runOnLoop(() -> rekeying = srtp != null);
        }

        @Override
        public void onFailed(CloseReason reason, String detail) {
            runOnLoop(() -> close(reason, detail));
        }

        @Override
        public void onClosedByPeer() {
            runOnLoop(() -> close(CloseReason.DTLS_CLOSED_BY_PEER, "close_notify"));
        }

        @Override
        public void onUnexpectedData() {
            port.metrics().dtlsDataDropped();
        }

        private void runOnLoop(Runnable r) {
            try {
                loop.execute(r);
            } catch (RejectedExecutionException e) {
                LOG.debug("Transport {}: event loop already stopped", id);
            }
        }
    }
}
