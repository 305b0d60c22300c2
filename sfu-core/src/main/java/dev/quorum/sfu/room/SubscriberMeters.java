package dev.quorum.sfu.room;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One subscriber's meters, tagged {@code room} and {@code participant}, and those of each track
 * forwarded to it, tagged {@code track} as well ({@code rooms.per-subscriber-metrics}). Removed
 * when the track stops being forwarded and when the participant leaves. Like {@link RoomMetrics},
 * they read plain fields the room's loop writes; a scrape may see values a few packets old.
 */
final class SubscriberMeters {

    private final MeterRegistry registry;
    private final Tags tags;
    private final List<Meter> own = new ArrayList<>();
    private final Map<Subscription, List<Meter>> tracks = new HashMap<>();

    SubscriberMeters(MeterRegistry registry, String roomSid, String participantSid, SubscriberConnection c) {
        this.registry = registry;
        this.tags = Tags.of("room", roomSid, "participant", participantSid);
        gauge(
                own,
                "quorum.sfu.subscriber.bandwidth",
                "bits per second",
                "the downlink's bandwidth estimate, as last shared between its tracks",
                tags,
                c,
                s -> s.allocatedEstimate());
        gauge(
                own,
                "quorum.sfu.subscriber.rtt",
                "milliseconds",
                "round-trip time from its receiver reports (-1: none yet)",
                tags,
                c,
                s -> s.rttNanos() < 0 ? -1 : s.rttNanos() / 1e6);
        counter(
                own,
                "quorum.sfu.subscriber.probe",
                "bytes",
                "padding sent to probe its downlink before a layer goes up",
                tags,
                c,
                s -> s.probeBytes());
        counter(
                own,
                "quorum.sfu.subscriber.client.video.frames.decoded",
                null,
                "video frames its browser decoded, as it reports",
                tags,
                c,
                s -> s.reportedFrames);
        counter(
                own,
                "quorum.sfu.subscriber.client.video.freezes",
                null,
                "video freezes its browser saw, as it reports",
                tags,
                c,
                s -> s.reportedFreezes);
        counter(
                own,
                "quorum.sfu.subscriber.client.video.frozen",
                "seconds",
                "time its browser showed frozen video, as it reports",
                tags,
                c,
                s -> s.reportedFrozenMs / 1000.0);
        counter(
                own,
                "quorum.sfu.subscriber.client.audio.samples",
                null,
                "audio samples its browser played, as it reports",
                tags,
                c,
                s -> s.reportedAudioSamples);
        counter(
                own,
                "quorum.sfu.subscriber.client.audio.concealed.samples",
                null,
                "of those, made up for lost or late audio, as it reports",
                tags,
                c,
                s -> s.reportedConcealedSamples);
    }

    /** A track is forwarded to the subscriber. */
    void add(Subscription sub) {
        List<Meter> m = new ArrayList<>();
        Tags t = tags.and("track", sub.track.info().sid());
        if (sub instanceof SimulcastSubscription s) {
            gauge(
                    m,
                    "quorum.sfu.subscription.layer",
                    null,
                    "the simulcast layer forwarded, lowest 0 (-1: none)",
                    t,
                    s,
                    x -> x.currentLayer());
            gauge(
                    m,
                    "quorum.sfu.subscription.layer.target",
                    null,
                    "the simulcast layer the allocation chose (-1: none)",
                    t,
                    s,
                    x -> x.target());
            counter(
                    m,
                    "quorum.sfu.subscription.layer.switches.up",
                    null,
                    "switches to a higher simulcast layer",
                    t,
                    s,
                    x -> x.layerSwitchesUp);
            counter(
                    m,
                    "quorum.sfu.subscription.layer.switches.down",
                    null,
                    "switches to a lower simulcast layer",
                    t,
                    s,
                    x -> x.layerSwitchesDown);
        }
        counter(m, "quorum.sfu.subscription.packets", null, "RTP packets sent", t, sub, x -> x.packetsSent);
        counter(
                m,
                "quorum.sfu.subscription.nacks.received",
                null,
                "packets the subscriber NACKed",
                t,
                sub,
                x -> x.nacksReceived);
        counter(
                m,
                "quorum.sfu.subscription.retransmissions",
                null,
                "packets resent on its NACKs",
                t,
                sub,
                x -> x.retransmissions);
        counter(
                m,
                "quorum.sfu.subscription.retransmissions.refused",
                null,
                "NACKed packets not resent: resends already took a quarter of its estimate",
                t,
                sub,
                x -> x.resendsRefused);
        counter(
                m,
                "quorum.sfu.subscription.keyframe.requests",
                null,
                "PLI/FIR the subscriber sent",
                t,
                sub,
                x -> x.keyframeRequests);
        List<Meter> before = tracks.put(sub, m);
        if (before != null) {
            before.forEach(registry::remove);
        }
    }

    /** The track is no longer forwarded. */
    void remove(Subscription sub) {
        List<Meter> m = tracks.remove(sub);
        if (m != null) {
            m.forEach(registry::remove);
        }
    }

    /** The participant left. */
    void close() {
        tracks.values().forEach(m -> m.forEach(registry::remove));
        tracks.clear();
        own.forEach(registry::remove);
        own.clear();
    }

    private <T> void counter(
            List<Meter> into, String name, String unit, String help, Tags t, T obj, ToDoubleFunction<T> f) {
        into.add(FunctionCounter.builder(name, obj, f)
                .baseUnit(unit)
                .description(help)
                .tags(t)
                .register(registry));
    }

    private <T> void gauge(
            List<Meter> into, String name, String unit, String help, Tags t, T obj, ToDoubleFunction<T> f) {
        into.add(Gauge.builder(name, obj, f)
                .baseUnit(unit)
                .description(help)
                .tags(t)
                .register(registry));
    }
}
