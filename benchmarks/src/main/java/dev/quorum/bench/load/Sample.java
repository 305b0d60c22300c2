package dev.quorum.bench.load;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Running totals at one instant: the server's counters and thread costs, the generator's
 * threads, and what the receivers counted. The difference of two samples is an interval.
 */
record Sample(
        long nanos,
        long serverCpuNanos,
        long serverAllocatedBytes,
        long serverUserNanos,
        long generatorCpuNanos,
        double portPacketsIn,
        double portPacketsOut,
        double engineReceived,
        double engineForwarded,
        double engineBytesForwarded,
        double portDrops,
        double engineDrops,
        long sent,
        StreamReceiver.Totals received) {

    static Sample take(
            MeterRegistry registry,
            ThreadCost server,
            ThreadCost generator,
            List<MediaSender> senders,
            List<StreamReceiver> receivers) {
        long now = System.nanoTime();
        long[] s = server.sample();
        long[] g = generator.sample();
        StreamReceiver.Totals totals = new StreamReceiver.Totals();
        receivers.forEach(r -> r.addTo(totals));
        long sent = 0;
        for (MediaSender m : senders) {
            sent += m.packetsSent();
        }
        return new Sample(
                now,
                s[0],
                s[1],
                s[2],
                g[0],
                counters(registry, "quorum.media.packets", "in"),
                counters(registry, "quorum.media.packets", "out"),
                functionCounter(registry, "quorum.sfu.packets.received"),
                functionCounter(registry, "quorum.sfu.packets.forwarded"),
                functionCounter(registry, "quorum.sfu.bytes.forwarded"),
                drops(registry, "port_in", "transport_in", "transport_out", "dtls"),
                // The subscription stage's drops are its filters (layers not selected, waiting for
                // a keyframe), not losses, so they are left out.
                drops(registry, "room_in", "subscriber_out"),
                sent,
                totals);
    }

    private static double counters(MeterRegistry registry, String name, String direction) {
        var search = registry.find(name);
        if (direction != null) {
            search = search.tag("direction", direction);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double drops(MeterRegistry registry, String... stages) {
        double sum = 0;
        for (String stage : stages) {
            sum += registry.find("quorum.packets.dropped").tag("stage", stage).counters().stream()
                    .mapToDouble(Counter::count)
                    .sum();
        }
        return sum;
    }

    private static double functionCounter(MeterRegistry registry, String name) {
        FunctionCounter c = registry.find(name).functionCounter();
        if (c == null) {
            throw new IllegalStateException("the engine no longer registers " + name);
        }
        return c.count();
    }
}
