package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.ice.BindingRequestChecker;
import dev.quorum.sfu.transport.ice.BindingResponses;
import dev.quorum.sfu.transport.ice.CheckOutcome;
import dev.quorum.sfu.transport.ice.IceLiteAgent;
import dev.quorum.sfu.transport.ice.LocalIceKey;
import dev.quorum.sfu.transport.stun.StunDecodeResult;
import dev.quorum.sfu.transport.stun.StunEncoder;
import dev.quorum.sfu.transport.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE-lite side of one transport: our credentials (and, during an ICE restart, the previous
 * ones), the agent's tuple state, and the routes its valid tuples open in the router. Everything
 * runs on the transport's event loop except {@link #restart()} and {@link #current()}.
 */
final class TransportIce {

    private static final Logger LOG = LoggerFactory.getLogger(TransportIce.class);
    private static final int MAX_TUPLES = 8;

    /** Our credentials, and the ones they replaced until the peer uses the new ones. */
    private record Credentials(LocalIceKey current, LocalIceKey previous) {}

    /** Told, on the loop, when the selected tuple changes; before the check that changed it is answered. */
    interface SelectionListener {
        void onSelected(IceTuple tuple, long nowNanos);
    }

    // Given
    private final DefaultTransport transport;
    private final PortContext port;
    private final SelectionListener selectionListener;

    // Owned
    private final IceLiteAgent<IceTuple> agent;
    private final List<UdpTuple> registeredUdp = new ArrayList<>();
    private final List<TcpTuple> boundTcp = new ArrayList<>();
    private volatile Credentials credentials;

    TransportIce(DefaultTransport transport, PortContext port, SelectionListener selectionListener) {
        this.transport = transport;
        this.port = port;
        this.selectionListener = selectionListener;
        long consent = port.config().consentTimeout().toNanos();
        // A selected tuple silent for a third of the consent timeout has missed several consent
        // checks (browsers send one every few seconds): the peer has moved.
        this.agent = new IceLiteAgent<>(
                consent, Math.max(1, consent / 3), MAX_TUPLES, port.clock().getAsLong());
    }

    /** Registers fresh credentials with the router. */
    void start() {
        credentials = new Credentials(LocalIceKey.of(port.router().registerNewUfrag(transport)), null);
    }

    IceCredentials current() {
        return credentials.current().credentials();
    }

    /** Updates tuple state from a Binding request and answers it. Borrows {@code raw}. */
    void onStun(StunDecodeResult.Decoded decoded, ByteBuf raw, IceTuple tuple) {
        Credentials c = credentials;
        CheckOutcome outcome = BindingRequestChecker.check(decoded, raw, c.current(), c.previous());
        if (outcome instanceof CheckOutcome.Ignored ignored) {
            port.metrics().dropInbound(ignored.drop());
            return;
        }
        if (outcome instanceof CheckOutcome.Rejected rejected) {
            port.metrics().dropInbound(rejected.drop());
            respond(BindingResponses.error(decoded.message(), rejected), rejected.signWith(), tuple);
            return;
        }
        CheckOutcome.Accepted accepted = (CheckOutcome.Accepted) outcome;
        port.metrics().accepted();
        if (accepted.key() == c.current() && c.previous() != null) {
            finishRestart(c);
        }
        // Update routing and selection first: once the peer has our answer it may send at once.
        long now = port.clock().getAsLong();
        boolean changed = agent.onValidCheck(tuple, accepted.useCandidate(), now);
        trackTuples(tuple);
        if (changed) {
            selectionListener.onSelected(agent.selected(), now);
        }
        respond(BindingResponses.success(decoded.message(), tuple.remoteAddress()), accepted.key(), tuple);
    }

    private void respond(StunMessage response, LocalIceKey key, IceTuple tuple) {
        port.metrics().sending();
        ByteBuf out = MediaBuffers.ALLOCATOR.heapBuffer(StunEncoder.encodedLength(response, key != null, true));
        StunEncoder.encode(response, key == null ? null : key.integrity(), true, out);
        port.metrics().sent(PacketKind.STUN, out.readableBytes());
        port.sockets().send(tuple, out);
    }

    /** Keeps the router's address map and TCP bindings equal to the agent's valid tuples. */
    private void trackTuples(IceTuple checked) {
        if (checked instanceof UdpTuple u && !registeredUdp.contains(u)) {
            registeredUdp.add(u);
            port.router().registerAddress(u.remoteAddress(), transport);
        } else if (checked instanceof TcpTuple t && !boundTcp.contains(t)) {
            boundTcp.add(t);
            t.bind(transport);
        }
        for (Iterator<UdpTuple> it = registeredUdp.iterator(); it.hasNext(); ) {
            UdpTuple u = it.next();
            if (!agent.isValid(u)) {
                it.remove();
                port.router().unregisterAddress(u.remoteAddress(), transport);
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
        if (boundTcp.remove(tuple) && agent.forget(tuple)) {
            selectionListener.onSelected(agent.selected(), port.clock().getAsLong());
        }
    }

    boolean isConsentExpired(long nowNanos) {
        return agent.isConsentExpired(nowNanos);
    }

    boolean wasEverSelected() {
        return agent.wasEverSelected();
    }

    /** New credentials; the current ones stay valid until the peer uses the new ones. Any thread. */
    synchronized IceCredentials restart() {
        IceCredentials fresh = port.router().registerNewUfrag(transport);
        Credentials c = credentials;
        if (c.previous() != null) {
            port.router().unregisterUfrag(c.previous().ufrag(), transport);
        }
        credentials = new Credentials(LocalIceKey.of(fresh), c.current());
        return fresh;
    }

    private synchronized void finishRestart(Credentials c) {
        if (credentials == c) {
            credentials = new Credentials(c.current(), null);
            port.router().unregisterUfrag(c.previous().ufrag(), transport);
            LOG.info("Transport {}: ICE restart completed", transport.id());
        }
    }

    /** Removes every route to the transport and closes its ICE-TCP connections. */
    synchronized void close() {
        Credentials c = credentials;
        if (c != null) {
            port.router().unregisterUfrag(c.current().ufrag(), transport);
            if (c.previous() != null) {
                port.router().unregisterUfrag(c.previous().ufrag(), transport);
            }
        }
        for (UdpTuple u : registeredUdp) {
            port.router().unregisterAddress(u.remoteAddress(), transport);
        }
        registeredUdp.clear();
        for (TcpTuple t : boundTcp) {
            t.bind(null);
            t.channel().close();
        }
        boundTcp.clear();
    }
}
