package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.ice.BindingRequestChecker;
import dev.quorum.sfu.transport.stun.StunDecodeResult;
import dev.quorum.sfu.transport.stun.StunDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Finds the transport for each packet on the media port, on the event loop that read it:
 * STUN by the ufrag in its USERNAME (ICE is what authenticates a new address), DTLS and SRTP
 * by a source address (or ICE-TCP connection) that a valid check already came from. Anything
 * else is dropped and counted here. Thread-safe.
 */
final class PacketRouter {

    // Given
    private final TransportMetrics metrics;
    private final LongSupplier clock;

    // Owned
    private final ConcurrentMap<String, DefaultTransport> byUfrag = new ConcurrentHashMap<>();
    private final ConcurrentMap<InetSocketAddress, DefaultTransport> byAddress = new ConcurrentHashMap<>();

    /**
     * @param clock the nanosecond clock that stamps each packet's arrival as it is read, before
     *     anything else is done with it
     */
    PacketRouter(TransportMetrics metrics, LongSupplier clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A datagram from a UDP socket. Takes ownership of {@code packet}. */
    void onUdp(DatagramPacket packet) {
        long arrivalNanos = clock.getAsLong();
        ByteBuf content = packet.content();
        PacketKind kind = PacketKind.of(content);
        metrics.received(kind, content.readableBytes());
        switch (kind) {
            case STUN -> onStun(content, new UdpTuple(packet.sender()));
            case DTLS, RTP, RTCP -> {
                DefaultTransport t = byAddress.get(packet.sender());
                if (t == null) {
                    drop(DropReason.UNVALIDATED_SOURCE, content);
                } else {
                    metrics.routed();
                    t.deliverUdp(kind, content, arrivalNanos);
                }
            }
            default -> drop(DropReason.UNKNOWN_PROTOCOL, content);
        }
    }

    /** An RFC 4571 frame from an ICE-TCP connection. Takes ownership of {@code frame}. */
    void onTcp(ByteBuf frame, TcpTuple tuple) {
        long arrivalNanos = clock.getAsLong();
        PacketKind kind = PacketKind.of(frame);
        metrics.received(kind, frame.readableBytes());
        switch (kind) {
            case STUN -> onStun(frame, tuple);
            case DTLS, RTP, RTCP -> {
                DefaultTransport t = tuple.owner();
                if (t == null) {
                    drop(DropReason.UNVALIDATED_SOURCE, frame);
                } else {
                    metrics.routed();
                    t.deliverTcp(kind, frame, arrivalNanos);
                }
            }
            default -> drop(DropReason.UNKNOWN_PROTOCOL, frame);
        }
    }

    /** An ICE-TCP connection closed. */
    void onTcpClosed(TcpTuple tuple) {
        DefaultTransport t = tuple.owner();
        if (t != null) {
            t.onTcpClosed(tuple);
        }
    }

    private void onStun(ByteBuf buf, IceTuple tuple) {
        StunDecodeResult result = StunDecoder.decode(buf);
        if (result instanceof StunDecodeResult.Malformed) {
            drop(DropReason.STUN_MALFORMED, buf);
            return;
        }
        StunDecodeResult.Decoded decoded = (StunDecodeResult.Decoded) result;
        if (!decoded.message().isRequest()) {
            drop(DropReason.STUN_IGNORED, buf);
            return;
        }
        String ufrag = BindingRequestChecker.localUfrag(decoded.message());
        DefaultTransport t = ufrag == null ? null : byUfrag.get(ufrag);
        if (t == null) {
            drop(DropReason.STUN_UNKNOWN_USERNAME, buf);
            return;
        }
        metrics.routed();
        t.deliverStun(decoded, buf, tuple);
    }

    private void drop(DropReason reason, ByteBuf buf) {
        metrics.dropUnrouted(reason);
        buf.release();
    }

    /** Fresh credentials whose ufrag is registered for {@code t} (retrying on a collision). */
    IceCredentials registerNewUfrag(DefaultTransport t) {
        while (true) {
            IceCredentials c = IceCredentials.random();
            if (byUfrag.putIfAbsent(c.ufrag(), t) == null) {
                return c;
            }
        }
    }

    void unregisterUfrag(String ufrag, DefaultTransport t) {
        byUfrag.remove(ufrag, t);
    }

    /** Routes media from {@code address} to {@code t}; the latest authenticated check wins. */
    void registerAddress(InetSocketAddress address, DefaultTransport t) {
        byAddress.put(address, t);
    }

    void unregisterAddress(InetSocketAddress address, DefaultTransport t) {
        byAddress.remove(address, t);
    }

    /** Removes every route to {@code t}. */
    void forget(DefaultTransport t) {
        byUfrag.values().removeIf(v -> v == t);
        byAddress.values().removeIf(v -> v == t);
    }
}
