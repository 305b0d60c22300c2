package dev.quorum.sfu.room;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * One room's meters, tagged {@code room=<RM…>} and removed when the room ends. The counters are
 * plain fields written only on the room's event loop (no atomic per packet); meters read them
 * from the scraping thread, which may see a value a few packets old.
 */
final class RoomMetrics {

    // Counters, written on the room's loop only.
    long packetsReceived;
    long bytesReceived;
    long packetsForwarded;
    long bytesForwarded;
    long nacksReceived;
    long retransmissions;
    long probeBytes;
    long resendsRefused;
    long nacksSent;
    long keyframeRequests;
    long layerSwitchesUp;
    long layerSwitchesDown;

    // Gauges, written on the room's loop only.
    int participants;
    int tracks;
    int subscriptions;
    double rttMillis;
    double lossFraction;

    private final List<Meter> meters = new ArrayList<>();
    private MeterRegistry registry;

    void register(MeterRegistry registry, String roomSid) {
        this.registry = registry;
        Tags tags = Tags.of("room", roomSid);
        counter(
                "quorum.sfu.room.packets.received",
                "RTP packets received from publishers",
                tags,
                m -> m.packetsReceived);
        counter("quorum.sfu.room.bytes.received", "RTP bytes received from publishers", tags, m -> m.bytesReceived);
        counter("quorum.sfu.room.packets.forwarded", "RTP packets sent to subscribers", tags, m -> m.packetsForwarded);
        counter("quorum.sfu.room.bytes.forwarded", "RTP bytes sent to subscribers", tags, m -> m.bytesForwarded);
        counter(
                "quorum.sfu.room.nacks.received",
                "NACKed packets requested by subscribers",
                tags,
                m -> m.nacksReceived);
        counter(
                "quorum.sfu.room.retransmissions",
                "packets resent to subscribers from the cache",
                tags,
                m -> m.retransmissions);
        counter(
                "quorum.sfu.room.retransmissions.refused",
                "NACKed packets not resent because resends already took a quarter of the subscriber's estimate",
                tags,
                m -> m.resendsRefused);
        counter(
                "quorum.sfu.room.probe.bytes",
                "bytes resent to subscribers to probe their downlink before a layer goes up",
                tags,
                m -> m.probeBytes);
        counter("quorum.sfu.room.nacks.sent", "lost packets NACKed to publishers", tags, m -> m.nacksSent);
        counter("quorum.sfu.room.keyframe.requests", "PLI/FIR sent to publishers", tags, m -> m.keyframeRequests);
        counter(
                "quorum.sfu.room.layer.switches.up",
                "simulcast switches to a higher layer for a subscriber",
                tags,
                m -> m.layerSwitchesUp);
        counter(
                "quorum.sfu.room.layer.switches.down",
                "simulcast switches to a lower layer for a subscriber",
                tags,
                m -> m.layerSwitchesDown);
        gauge("quorum.sfu.room.participants", "connected participants", tags, m -> m.participants);
        gauge("quorum.sfu.room.tracks", "published tracks", tags, m -> m.tracks);
        gauge("quorum.sfu.room.subscriptions", "forwarded (subscriber, track) pairs", tags, m -> m.subscriptions);
        gauge("quorum.sfu.room.rtt", "mean round-trip time reported by RTCP, ms", tags, m -> m.rttMillis);
        gauge(
                "quorum.sfu.room.loss",
                "mean fraction lost reported by RTCP receiver reports",
                tags,
                m -> m.lossFraction);
    }

    private void counter(String name, String help, Tags tags, java.util.function.ToDoubleFunction<RoomMetrics> f) {
        meters.add(FunctionCounter.builder(name, this, f)
                .description(help)
                .tags(tags)
                .register(registry));
    }

    private void gauge(String name, String help, Tags tags, java.util.function.ToDoubleFunction<RoomMetrics> f) {
        meters.add(Gauge.builder(name, this, f).description(help).tags(tags).register(registry));
    }

    /** Removes the room's meters (the room ended). */
    void remove() {
        if (registry != null) {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }
}
