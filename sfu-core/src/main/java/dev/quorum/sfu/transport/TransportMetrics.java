package dev.quorum.sfu.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
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
 *   <li>{@code quorum.media.drops}, tag {@code reason} ({@link DropReason}, lower case)</li>
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
    private final Counter[] drops = new Counter[DropReason.values().length];
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
        for (DropReason r : DropReason.values()) {
            drops[r.ordinal()] = Counter.builder("quorum.media.drops")
                    .description("Packets discarded by the media port")
                    .tag("reason", tag(r))
                    .register(registry);
        }
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

    void received(PacketKind kind, int bytes) {
        packetsIn[kind.ordinal()].increment();
        bytesIn[kind.ordinal()].increment(bytes);
    }

    void sent(PacketKind kind, int bytes) {
        packetsOut[kind.ordinal()].increment();
        bytesOut[kind.ordinal()].increment(bytes);
    }

    void drop(DropReason reason) {
        drops[reason.ordinal()].increment();
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
