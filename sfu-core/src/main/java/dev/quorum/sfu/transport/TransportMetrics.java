package dev.quorum.sfu.transport;

import dev.quorum.rtp.PacketStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The media port's meters. Counters are resolved once into arrays, so counting on the packet
 * path is an array read and an add; nothing here allocates per packet.
 *
 * <ul>
 *   <li>{@code quorum.media.packets} and {@code quorum.media.bytes}, tags {@code direction}
 *       ({@code in}, {@code out}) and {@code kind} ({@code stun}, {@code dtls}, {@code rtp},
 *       {@code rtcp}, {@code unknown})</li>
 *   <li>the packet ledger ({@link PacketStage}) of three stages: {@code port_in} (read from a
 *       socket, routed to a transport), {@code transport_in} (a transport's STUN, DTLS and SRTP:
 *       checks accepted, DTLS given to the handshake, RTP/RTCP decrypted to the room) and
 *       {@code transport_out} (DTLS, STUN and SRTP sends: handed to a socket); each drop counts
 *       once, under its stage and a {@link DropReason}. DTLS application data, which is dropped
 *       per record after its datagram was given to the handshake, is stage {@code dtls}.</li>
 *   <li>{@code quorum.media.transports} gauge, tag {@code state} ({@link TransportState})</li>
 *   <li>{@code quorum.media.transports.closed}, tag {@code reason} ({@link CloseReason})</li>
 *   <li>{@code quorum.media.dtls.handshake} timer (with histogram buckets)</li>
 * </ul>
 */
final class TransportMetrics {

    private final Counter[] packetsIn = new Counter[PacketKind.values().length];
    private final Counter[] bytesIn = new Counter[PacketKind.values().length];
    private final Counter[] packetsOut = new Counter[PacketKind.values().length];
    private final Counter[] bytesOut = new Counter[PacketKind.values().length];
    private final PacketStage<DropReason> portIn;
    private final PacketStage<DropReason> transportIn;
    private final PacketStage<DropReason> transportOut;
    private final PacketStage<DropReason> dtlsRecords;
    private final Counter[] closed = new Counter[CloseReason.values().length];
    private final Map<TransportState, AtomicInteger> states = new EnumMap<>(TransportState.class);
    private final Timer handshake;

    TransportMetrics(MeterRegistry registry) {
        for (PacketKind k : PacketKind.values()) {
            packetsIn[k.ordinal()] = Counter.builder("quorum.media.packets")
                    .description("Packets on the media port")
                    .tag("direction", "in")
                    .tag("kind", k.tag())
                    .register(registry);
            bytesIn[k.ordinal()] = Counter.builder("quorum.media.bytes")
                    .description("Bytes on the media port")
                    .baseUnit("bytes")
                    .tag("direction", "in")
                    .tag("kind", k.tag())
                    .register(registry);
            packetsOut[k.ordinal()] = Counter.builder("quorum.media.packets")
                    .description("Packets on the media port")
                    .tag("direction", "out")
                    .tag("kind", k.tag())
                    .register(registry);
            bytesOut[k.ordinal()] = Counter.builder("quorum.media.bytes")
                    .description("Bytes on the media port")
                    .baseUnit("bytes")
                    .tag("direction", "out")
                    .tag("kind", k.tag())
                    .register(registry);
        }
        portIn = new PacketStage<>(
                registry,
                "port_in",
                DropReason.class,
                EnumSet.of(
                        DropReason.UNKNOWN_PROTOCOL,
                        DropReason.STUN_MALFORMED,
                        DropReason.STUN_IGNORED,
                        DropReason.STUN_UNKNOWN_USERNAME,
                        DropReason.UNVALIDATED_SOURCE));
        transportIn = new PacketStage<>(
                registry,
                "transport_in",
                DropReason.class,
                EnumSet.of(
                        DropReason.STUN_IGNORED,
                        DropReason.STUN_BAD_REQUEST,
                        DropReason.STUN_UNAUTHORIZED,
                        DropReason.STUN_UNKNOWN_ATTRIBUTE,
                        DropReason.DTLS_MALFORMED,
                        DropReason.DTLS_QUEUE_FULL,
                        DropReason.DTLS_HANDSHAKE_LIMIT,
                        DropReason.SRTP_NOT_READY,
                        DropReason.SRTP_AUTH_FAILED,
                        DropReason.SRTP_REPLAYED,
                        DropReason.SRTP_INVALID,
                        DropReason.SRTP_TOO_MANY_STREAMS,
                        DropReason.HANDOFF_QUEUE_FULL,
                        DropReason.TRANSPORT_CLOSED));
        transportOut = new PacketStage<>(
                registry,
                "transport_out",
                DropReason.class,
                EnumSet.of(
                        DropReason.SRTP_NOT_READY,
                        DropReason.NO_SELECTED_TUPLE,
                        DropReason.SRTP_PROTECT_FAILED,
                        DropReason.TRANSPORT_CLOSED));
        dtlsRecords = new PacketStage<>(registry, "dtls", DropReason.class, EnumSet.of(DropReason.DTLS_UNEXPECTED));
        for (CloseReason r : CloseReason.values()) {
            closed[r.ordinal()] = Counter.builder("quorum.media.transports.closed")
                    .description("Transports closed")
                    .tag("reason", tag(r))
                    .register(registry);
        }
        for (TransportState s : TransportState.values()) {
            if (s == TransportState.CLOSED) {
                continue;
            }
            AtomicInteger n = new AtomicInteger();
            states.put(s, n);
            Gauge.builder("quorum.media.transports", n, AtomicInteger::get)
                    .description("Open transports by state")
                    .tag("state", tag(s))
                    .register(registry);
        }
        handshake = Timer.builder("quorum.media.dtls.handshake")
                .description("DTLS handshake time, first datagram to SRTP keys")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A datagram or ICE-TCP frame read from a socket: it enters {@code port_in}. */
    void received(PacketKind kind, int bytes) {
        packetsIn[kind.ordinal()].increment();
        bytesIn[kind.ordinal()].increment(bytes);
        portIn.in();
    }

    /** The router dropped a packet it read. */
    void dropUnrouted(DropReason reason) {
        portIn.drop(reason);
    }

    /** The router handed a packet to a transport: it leaves {@code port_in}, enters {@code transport_in}. */
    void routed() {
        portIn.out();
        transportIn.in();
    }

    /** An inbound packet was consumed by ICE or DTLS, or handed to the room decrypted. */
    void accepted() {
        transportIn.out();
    }

    /** A transport dropped a packet routed to it. */
    void dropInbound(DropReason reason) {
        transportIn.drop(reason);
    }

    /** A DTLS application-data record (its datagram already counted out of {@code transport_in}). */
    void dtlsDataDropped() {
        dtlsRecords.drop(DropReason.DTLS_UNEXPECTED);
    }

    /** A packet to send (STUN, DTLS, RTP or RTCP) enters {@code transport_out}. */
    void sending() {
        transportOut.in();
    }

    /** A packet to send was dropped before reaching a socket. */
    void dropOutbound(DropReason reason) {
        transportOut.drop(reason);
    }

    /** A packet was handed to a socket: it leaves {@code transport_out}. */
    void sent(PacketKind kind, int bytes) {
        packetsOut[kind.ordinal()].increment();
        bytesOut[kind.ordinal()].increment(bytes);
        transportOut.out();
    }

    void stateChanged(TransportState from, TransportState to) {
        if (from != null && from != TransportState.CLOSED) {
            states.get(from).decrementAndGet();
        }
        if (to != TransportState.CLOSED) {
            states.get(to).incrementAndGet();
        }
    }

    void closed(CloseReason reason) {
        closed[reason.ordinal()].increment();
    }

    void handshakeCompleted(long nanos) {
        handshake.record(nanos, TimeUnit.NANOSECONDS);
    }
}
