package dev.quorum.sfu.room;

import dev.quorum.rtp.PacketStage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The engine-wide meters: totals over every room (live and ended, so the counters never go
 * back), the packet ledger of the engine's stages ({@link PacketStage}: {@code room_in},
 * {@code subscription}, {@code subscriber_out}), and RTT/loss distributions; and, only if asked for, each live room's
 * own meters tagged with its SID (a tag without bound: tenants create rooms at will), and each
 * subscriber's and forwarded track's ({@link SubscriberMeters}).
 */
final class EngineMetrics {

    private final MeterRegistry registry;
    private final boolean perRoom;
    private final boolean perSubscriber;
    private final Set<RoomMetrics> live = ConcurrentHashMap.newKeySet();
    private final Object endedLock = new Object();
    private final RoomMetrics ended = new RoomMetrics();
    private final PacketStage<DropReason> roomIn;
    private final PacketStage<DropReason> subscription;
    private final PacketStage<DropReason> subscriberOut;
    private final DistributionSummary rtt;
    private final DistributionSummary estimate;
    private final DistributionSummary loss;

    EngineMetrics(MeterRegistry registry, boolean perRoom, boolean perSubscriber) {
        this.registry = registry;
        this.perRoom = perRoom;
        this.perSubscriber = perSubscriber;
        roomIn = new PacketStage<>(
                registry,
                "room_in",
                DropReason.class,
                EnumSet.range(DropReason.MALFORMED_RTP, DropReason.CONNECTION_CLOSED));
        subscription = new PacketStage<>(
                registry,
                "subscription",
                DropReason.class,
                EnumSet.range(DropReason.NOT_ACTIVE, DropReason.BEFORE_LAYER_SWITCH));
        subscriberOut =
                new PacketStage<>(registry, "subscriber_out", DropReason.class, EnumSet.of(DropReason.NOT_CONNECTED));
        rtt = DistributionSummary.builder("quorum.sfu.rtt")
                .baseUnit("milliseconds")
                .description("round-trip times computed from RTCP receiver reports")
                .register(registry);
        loss = DistributionSummary.builder("quorum.sfu.loss")
                .description("fraction lost reported by RTCP receiver reports")
                .register(registry);
        Gauge.builder("quorum.sfu.rooms", live, Set::size)
                .description("rooms in progress")
                .register(registry);
        gauge("quorum.sfu.participants", "connected participants", m -> m.participants);
        gauge("quorum.sfu.tracks", "published tracks", m -> m.tracks);
        gauge("quorum.sfu.subscriptions", "forwarded (subscriber, track) pairs", m -> m.subscriptions);
        total("quorum.sfu.packets.received", "RTP packets received from publishers", m -> m.packetsReceived);
        total("quorum.sfu.bytes.received", "RTP bytes received from publishers", m -> m.bytesReceived);
        total("quorum.sfu.packets.forwarded", "RTP packets sent to subscribers", m -> m.packetsForwarded);
        total("quorum.sfu.bytes.forwarded", "RTP bytes sent to subscribers", m -> m.bytesForwarded);
        total("quorum.sfu.nacks.received", "NACKed packets requested by subscribers", m -> m.nacksReceived);
        total("quorum.sfu.retransmissions", "packets resent to subscribers from the cache", m -> m.retransmissions);
        total(
                "quorum.sfu.retransmissions.refused",
                "NACKed packets not resent because resends already took a quarter of the subscriber's estimate",
                m -> m.resendsRefused);
        total(
                "quorum.sfu.probe.bytes",
                "bytes resent to subscribers to probe their downlink before a layer goes up",
                m -> m.probeBytes);
        total("quorum.sfu.nacks.sent", "lost packets NACKed to publishers", m -> m.nacksSent);
        total("quorum.sfu.keyframe.requests", "PLI/FIR sent to publishers", m -> m.keyframeRequests);
        total(
                "quorum.sfu.layer.switches.up",
                "simulcast switches to a higher layer for a subscriber",
                m -> m.layerSwitchesUp);
        total(
                "quorum.sfu.layer.switches.down",
                "simulcast switches to a lower layer for a subscriber",
                m -> m.layerSwitchesDown);
        estimate = DistributionSummary.builder("quorum.sfu.subscriber.estimate")
                .baseUnit("bits per second")
                .description("subscribers' downlink bandwidth estimates, sampled at each layer allocation")
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /**
     * RTP and RTCP the transports hand to the room: out when RTP reaches its track's fan-out or
     * RTCP was read. Callable from any thread; does not allocate.
     */
    PacketStage<DropReason> roomIn() {
        return roomIn;
    }

    /** A received packet offered to one subscription (so once per subscriber): out when it is written for it. */
    PacketStage<DropReason> subscription() {
        return subscription;
    }

    /** A packet written for a subscriber (forwarded, resent or a probe): out when its transport takes it. */
    PacketStage<DropReason> subscriberOut() {
        return subscriberOut;
    }

    /** A subscriber's bandwidth estimate as its layers were allocated. */
    void estimate(long bitsPerSecond) {
        estimate.record(bitsPerSecond);
    }

    void rtt(double millis) {
        rtt.record(millis);
    }

    void loss(double fraction) {
        loss.record(fraction);
    }

    RoomMetrics openRoom(String roomSid) {
        RoomMetrics m = new RoomMetrics();
        if (perRoom) {
            m.register(registry, roomSid);
        }
        live.add(m);
        return m;
    }

    /** A subscriber's own meters, or null when they are not kept. */
    SubscriberMeters openSubscriber(String roomSid, String participantSid, SubscriberConnection subscriber) {
        return perSubscriber ? new SubscriberMeters(registry, roomSid, participantSid, subscriber) : null;
    }

    void closeRoom(RoomMetrics m) {
        m.remove();
        synchronized (endedLock) {
            live.remove(m);
            ended.packetsReceived += m.packetsReceived;
            ended.bytesReceived += m.bytesReceived;
            ended.packetsForwarded += m.packetsForwarded;
            ended.bytesForwarded += m.bytesForwarded;
            ended.nacksReceived += m.nacksReceived;
            ended.retransmissions += m.retransmissions;
            ended.probeBytes += m.probeBytes;
            ended.resendsRefused += m.resendsRefused;
            ended.nacksSent += m.nacksSent;
            ended.keyframeRequests += m.keyframeRequests;
        }
    }

    private void total(String name, String help, ToLongFunction<RoomMetrics> f) {
        FunctionCounter.builder(name, this, e -> e.sum(f)).description(help).register(registry);
    }

    private void gauge(String name, String help, ToLongFunction<RoomMetrics> f) {
        Gauge.builder(name, this, e -> e.sumLive(f)).description(help).register(registry);
    }

    private double sum(ToLongFunction<RoomMetrics> f) {
        synchronized (endedLock) {
            return f.applyAsLong(ended) + sumLive(f);
        }
    }

    private double sumLive(ToLongFunction<RoomMetrics> f) {
        long s = 0;
        for (RoomMetrics m : live) {
            s += f.applyAsLong(m);
        }
        return s;
    }
}
