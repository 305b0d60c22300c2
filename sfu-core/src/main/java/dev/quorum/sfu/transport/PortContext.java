package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.dtls.DtlsEndpoint;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What every transport of one media port shares, passed down by constructor.
 *
 * @param config     the port's settings
 * @param metrics    the port's meters
 * @param router     ufrag and address lookups for inbound packets
 * @param sockets    the UDP sockets and ICE-TCP connections to send on
 * @param dtls       certificate, crypto and workers for DTLS
 * @param clock      nanosecond clock for consent, arrival times and handshake timing
 * @param candidates the host candidates of the port, for every transport's description
 * @param open       the transports not closed yet (closed with the port)
 */
record PortContext(
        TransportConfig config,
        TransportMetrics metrics,
        PacketRouter router,
        MediaSockets sockets,
        DtlsEndpoint dtls,
        LongSupplier clock,
        List<IceCandidate> candidates,
        Set<DefaultTransport> open) {}
