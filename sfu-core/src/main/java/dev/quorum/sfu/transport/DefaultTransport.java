package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.dtls.DtlsRecords;
import dev.quorum.sfu.transport.dtls.DtlsSession;
import dev.quorum.sfu.transport.ice.BindingRequestChecker;
import dev.quorum.sfu.transport.ice.BindingResponses;
import dev.quorum.sfu.transport.ice.CheckOutcome;
import dev.quorum.sfu.transport.ice.IceLiteAgent;
import dev.quorum.sfu.transport.ice.LocalIceKey;
import dev.quorum.sfu.transport.srtp.SrtpKeys;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import dev.quorum.sfu.transport.srtp.SrtpResult;
import dev.quorum.sfu.transport.srtp.SrtpSession;
import dev.quorum.sfu.transport.stun.StunDecodeResult;
import dev.quorum.sfu.transport.stun.StunEncoder;
import dev.quorum.sfu.transport.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport: a thin coordinator of its ICE-lite agent, DTLS session and SRTP session, living
 * on one event loop. Every field without a volatile or final marker belongs to that loop.
 *
 * <p>Inbound packets reach it from the router on whatever loop read them; packets read on
 * another loop move over through a bounded lock-free queue (no allocation per packet).
 */
final class DefaultTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultTransport.class);
    private static final int HANDOFF_CAPACITY = 1024;
    private static final int MAX_TUPLES = 8;
    private static final int MAX_SRTP_STREAMS = 1024;

    /** Our credentials, and the ones they replaced until the peer uses the new ones. */
    private record Credentials(LocalIceKey current, LocalIceKey previous) {}

    // Given
    private final String id;
    private final EventLoop loop;
    private final Listener listener;
    private final PortContext port;

    // Owned
    private final IceLiteAgent<IceTuple> agent;
    private final DtlsSession dtls;
    private final Queue<DatagramPacket> handoff = PlatformDependent.newFixedMpscQueue(HANDOFF_CAPACITY);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drainHandoff;
    private final List<UdpTuple> registeredUdp = new ArrayList<>();
    private final List<TcpTuple> boundTcp = new ArrayList<>();
    private final long handshakeTimeoutNanos;
    private volatile Credentials credentials;
    private volatile TransportState state = TransportState.NEW;
    private volatile IceTuple selected;
    private volatile SrtpSession srtp;
    private ScheduledFuture<?> timer;
    private long iceSelectedAtNanos;
    private long dtlsStartedAtNanos = -1;
    private boolean listenerFailureLogged;

    DefaultTransport(String id, EventLoop loop, DtlsFingerprint remoteFingerprint, Listener listener,
                     PortContext port) {
        this.id = id;
        this.loop = loop;
        this.listener = listener;
        this.port = port;
        TransportConfig c = port.config();
        long consent = c.consentTimeout().toNanos();
        this.handshakeTimeoutNanos = c.handshakeTimeout().toNanos();
        this.agent = new IceLiteAgent<>(consent, Math.max(1, consent / 3), MAX_TUPLES, port.clock().getAsLong());
        this.dtls = new DtlsSession(port.dtls(), remoteFingerprint, this::sendDtls, new DtlsEvents());
        port.metrics().stateChanged(null, TransportState.NEW);
    }

    /** Registers fresh credentials and starts the consent timer; called once, before use. */
    void start() {
        credentials = new Credentials(LocalIceKey.of(port.router().registerNewUfrag(this)), null);
        port.open().add(this);
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(TimeUnit.SECONDS.toNanos(1), port.config().consentTimeout().toNanos() / 4));
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
            dropAndRelease(DropReason.TRANSPORT_CLOSED, raw);
        }
    }

    /** DTLS, RTP or RTCP from one of our validated UDP addresses. Takes ownership of {@code packet}. */
    void deliverUdp(PacketKind kind, DatagramPacket packet) {
        if (loop.inEventLoop()) {
            onMedia(kind, packet.content());
            return;
        }
        if (!handoff.offer(packet)) {
            dropAndRelease(DropReason.HANDOFF_QUEUE_FULL, packet.content());
            return;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
            }
        }
    }

    /** DTLS, RTP or RTCP on an ICE-TCP connection bound to us. Takes ownership of {@code frame}. */
    void deliverTcp(PacketKind kind, ByteBuf frame) {
        if (loop.inEventLoop()) {
            onMedia(kind, frame);
            return;
        }
        try {
            loop.execute(() -> onMedia(kind, frame));
        } catch (RejectedExecutionException e) {
            dropAndRelease(DropReason.TRANSPORT_CLOSED, frame);
        }
    }

    private void drainHandoff() {
        drainScheduled.set(false);
        DatagramPacket p;
        while ((p = handoff.poll()) != null) {
            onMedia(PacketKind.of(p.content()), p.content());
        }
    }

    // ---- On the loop ---------------------------------------------------------------------

    private void onStun(StunDecodeResult.Decoded decoded, ByteBuf raw, IceTuple tuple) {
        try {
            if (state == TransportState.CLOSED) {
                port.metrics().drop(DropReason.TRANSPORT_CLOSED);
                return;
            }
            Credentials c = credentials;
            CheckOutcome outcome = BindingRequestChecker.check(decoded, raw, c.current(), c.previous());
            if (outcome instanceof CheckOutcome.Ignored ignored) {
                port.metrics().drop(ignored.drop());
                return;
            }
            if (outcome instanceof CheckOutcome.Rejected rejected) {
                port.metrics().drop(rejected.drop());
                respond(BindingResponses.error(decoded.message(), rejected), rejected.signWith(), tuple);
                return;
            }
            CheckOutcome.Accepted accepted = (CheckOutcome.Accepted) outcome;
            if (accepted.key() == c.current() && c.previous() != null) {
                finishIceRestart(c);
            }
            // Update routing first: once the peer has our answer it may send DTLS or media at once.
            long now = port.clock().getAsLong();
            boolean changed = agent.onValidCheck(tuple, accepted.useCandidate(), now);
            trackTuples(tuple);
            if (changed) {
                onSelected(agent.selected(), now);
            }
            respond(BindingResponses.success(decoded.message(), tuple.remoteAddress()), accepted.key(), tuple);
        } finally {
            raw.release();
        }
    }

    private void respond(StunMessage response, LocalIceKey key, IceTuple tuple) {
        ByteBuf out = MediaBuffers.ALLOCATOR.heapBuffer(StunEncoder.encodedLength(response, key != null, true));
        StunEncoder.encode(response, key == null ? null : key.integrity(), true, out);
        port.metrics().sent(PacketKind.STUN, out.readableBytes());
        port.sockets().send(tuple, out);
    }

    /** Keeps the router's address map and TCP bindings equal to the agent's valid tuples. */
    private void trackTuples(IceTuple checked) {
        if (checked instanceof UdpTuple u && !registeredUdp.contains(u)) {
            registeredUdp.add(u);
            port.router().registerAddress(u.remoteAddress(), this);
        } else if (checked instanceof TcpTuple t && !boundTcp.contains(t)) {
            boundTcp.add(t);
            t.bind(this);
        }
        for (Iterator<UdpTuple> it = registeredUdp.iterator(); it.hasNext(); ) {
            UdpTuple u = it.next();
            if (!agent.isValid(u)) {
                it.remove();
                port.router().unregisterAddress(u.remoteAddress(), this);
            }
        }
        for (Iterator<TcpTuple> it = boundTcp.iterator(); it.hasNext(); ) {
            TcpTuple t = it.next();
            if (!agent.isValid(t)) {
                it.remove();
                t.bind(null);
                t.channel().close();
            }
        }
    }

    /** An ICE-TCP connection of ours closed. */
    void onTcpClosed(TcpTuple tuple) {
        loop.execute(() -> {
            if (boundTcp.remove(tuple) && agent.forget(tuple) && state != TransportState.CLOSED) {
                onSelected(agent.selected(), port.clock().getAsLong());
            }
        });
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

    private void onMedia(PacketKind kind, ByteBuf packet) {
        if (state == TransportState.CLOSED) {
            dropAndRelease(DropReason.TRANSPORT_CLOSED, packet);
        } else if (kind == PacketKind.DTLS) {
            onDtls(packet);
        } else {
            onSrtp(kind, packet);
        }
    }

    private void onDtls(ByteBuf packet) {
        try {
            if (!DtlsRecords.isWellFormed(packet)) {
                port.metrics().drop(DropReason.DTLS_MALFORMED);
                return;
            }
            if (dtlsStartedAtNanos < 0) {
                dtlsStartedAtNanos = port.clock().getAsLong();
            }
            if (!dtls.receive(packet)) {
                port.metrics().drop(DropReason.DTLS_QUEUE_FULL);
            }
        } finally {
            packet.release();
        }
    }

    private void onSrtp(PacketKind kind, ByteBuf packet) {
        SrtpSession s = srtp;
        if (s == null) {
            dropAndRelease(DropReason.SRTP_NOT_READY, packet);
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
            dropAndRelease(result.dropReason(), packet);
            return;
        }
        long now = port.clock().getAsLong();
        try {
            if (kind == PacketKind.RTP) {
                listener.onRtp(packet, now);
            } else {
                listener.onRtcp(packet, now);
            }
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private void checkTimers() {
        long now = port.clock().getAsLong();
        if (agent.isConsentExpired(now)) {
            close(agent.wasEverSelected() ? CloseReason.CONSENT_EXPIRED : CloseReason.ICE_TIMEOUT,
                    "no valid ICE check for " + port.config().consentTimeout().toMillis() + " ms");
        } else if (state == TransportState.CONNECTING && now - iceSelectedAtNanos > handshakeTimeoutNanos) {
            close(CloseReason.DTLS_TIMEOUT, "no DTLS handshake within "
                    + port.config().handshakeTimeout().toMillis() + " ms of ICE connecting");
        }
    }

    private void handshakeCompleted(SrtpKeys keys) {
        if (state == TransportState.CLOSED) {
            return;
        }
        srtp = new SrtpSession(keys, true, MAX_SRTP_STREAMS);
        long took = port.clock().getAsLong() - dtlsStartedAtNanos;
        port.metrics().handshakeCompleted(took);
        setState(TransportState.CONNECTED);
        LOG.info("Transport {} connected over {} with {} (DTLS {} ms)", id, selected, keys.profile(),
                TimeUnit.NANOSECONDS.toMillis(took));
        try {
            listener.onConnected();
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
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
        Credentials c = credentials;
        port.router().unregisterUfrag(c.current().ufrag(), this);
        if (c.previous() != null) {
            port.router().unregisterUfrag(c.previous().ufrag(), this);
        }
        for (UdpTuple u : registeredUdp) {
            port.router().unregisterAddress(u.remoteAddress(), this);
        }
        registeredUdp.clear();
        for (TcpTuple t : boundTcp) {
            t.bind(null);
            t.channel().close();
        }
        boundTcp.clear();
        dtls.close();
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
        DatagramPacket p;
        while ((p = handoff.poll()) != null) {
            dropAndRelease(DropReason.TRANSPORT_CLOSED, p.content());
        }
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

    private void dropAndRelease(DropReason reason, ByteBuf packet) {
        port.metrics().drop(reason);
        packet.release();
    }

    private void finishIceRestart(Credentials c) {
        synchronized (this) {
            if (credentials == c) {
                credentials = new Credentials(c.current(), null);
                port.router().unregisterUfrag(c.previous().ufrag(), this);
            }
        }
        LOG.info("Transport {}: ICE restart completed", id);
    }

    // ---- Outbound, any thread ------------------------------------------------------------

    private void sendDtls(byte[] datagram) {
        IceTuple t = selected;
        if (t == null || state == TransportState.CLOSED) {
            port.metrics().drop(t == null ? DropReason.NO_SELECTED_TUPLE : DropReason.TRANSPORT_CLOSED);
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
        SrtpSession s = srtp;
        IceTuple t = selected;
        if (state == TransportState.CLOSED || s == null || t == null) {
            dropAndRelease(state == TransportState.CLOSED ? DropReason.TRANSPORT_CLOSED
                    : s == null ? DropReason.SRTP_NOT_READY : DropReason.NO_SELECTED_TUPLE, packet);
            return false;
        }
        if (!MediaBuffers.isTransformable(packet)) {
            ByteBuf copy = MediaBuffers.copyOf(packet);
            packet.release();
            packet = copy;
        }
        SrtpResult result = kind == PacketKind.RTP ? s.protectRtp(packet) : s.protectRtcp(packet);
        if (result != SrtpResult.OK) {
            dropAndRelease(result.dropReason(), packet);
            return false;
        }
        port.metrics().sent(kind, packet.readableBytes());
        port.sockets().send(t, packet);
        return true;
    }

    @Override
    public void setRemoteFingerprint(DtlsFingerprint fingerprint) {
        dtls.setRemoteFingerprint(java.util.Objects.requireNonNull(fingerprint, "fingerprint"));
    }

    @Override
    public IceCredentials restartIce() {
        IceCredentials fresh = port.router().registerNewUfrag(this);
        synchronized (this) {
            Credentials c = credentials;
            if (c.previous() != null) {
                port.router().unregisterUfrag(c.previous().ufrag(), this);
            }
            credentials = new Credentials(LocalIceKey.of(fresh), c.current());
        }
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
        return new TransportDescription(credentials.current().credentials(), port.dtls().certificate().fingerprint(),
                port.candidates());
    }

    IceCredentials currentCredentials() {
        return credentials.current().credentials();
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
            runOnLoop(() -> handshakeCompleted(keys));
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
            port.metrics().drop(DropReason.DTLS_UNEXPECTED);
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
