package dev.quorum.bench.load;

import java.util.Locale;

/** What happened between two {@link Sample}s, as the report shows it. */
record Interval(Sample from, Sample to, int forwardedStreams) {

    double seconds() {
        return (to.nanos() - from.nanos()) / 1e9;
    }

    double portInPerSecond() {
        return (to.portPacketsIn() - from.portPacketsIn()) / seconds();
    }

    double portOutPerSecond() {
        return (to.portPacketsOut() - from.portPacketsOut()) / seconds();
    }

    double receivedPerSecond() {
        return (to.engineReceived() - from.engineReceived()) / seconds();
    }

    double forwarded() {
        return to.engineForwarded() - from.engineForwarded();
    }

    double forwardedPerSecond() {
        return forwarded() / seconds();
    }

    double forwardedMbitPerSecond() {
        return (to.engineBytesForwarded() - from.engineBytesForwarded()) * 8 / seconds() / 1e6;
    }

    /** The SFU's threads' CPU as a share of one core (1.0 = one core busy all the time). */
    double serverCores() {
        return (to.serverCpuNanos() - from.serverCpuNanos()) / 1e9 / seconds();
    }

    /** The part of {@link #serverCores()} spent in the kernel (system calls: UDP send and receive, epoll). */
    double serverKernelCores() {
        return serverCores() - (to.serverUserNanos() - from.serverUserNanos()) / 1e9 / seconds();
    }

    double generatorCores() {
        return (to.generatorCpuNanos() - from.generatorCpuNanos()) / 1e9 / seconds();
    }

    /** Server CPU milliseconds per 1,000 forwarded packets (receive, forward, protect, send). */
    double cpuMillisPerThousandForwarded() {
        return (to.serverCpuNanos() - from.serverCpuNanos()) / 1e6 / (forwarded() / 1000);
    }

    /** Forwarded streams one fully busy core would sustain at this cost. */
    double streamsPerCore() {
        return forwardedStreams / serverCores();
    }

    double allocatedBytesPerSecond() {
        return (to.serverAllocatedBytes() - from.serverAllocatedBytes()) / seconds();
    }

    double allocatedBytesPerForwarded() {
        return (to.serverAllocatedBytes() - from.serverAllocatedBytes()) / forwarded();
    }

    long receivedPackets() {
        return to.received().packets - from.received().packets;
    }

    /** What the receiving peers decrypted, in Mbit/s (RTP packets including headers). */
    double receivedMbitPerSecond() {
        return (to.received().bytes - from.received().bytes) * 8 / seconds() / 1e6;
    }

    /** Sequence gaps at the receivers as a share of the packets they should have had. */
    double lossPercent() {
        long expected = to.received().expected - from.received().expected;
        long lost = Math.max(0, expected - receivedPackets());
        return expected == 0 ? Double.NaN : 100.0 * lost / expected;
    }

    double drops() {
        return (to.portDrops() - from.portDrops()) + (to.engineDrops() - from.engineDrops());
    }

    double latencyMillis(double quantile) {
        long[] a = from.received().latency;
        long[] b = to.received().latency;
        long[] d = new long[b.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = b[i] - a[i];
        }
        return LatencyHistogram.quantileMillis(d, quantile);
    }

    /** One line for the running report. */
    String line() {
        return String.format(
                Locale.ROOT,
                "in %,.0f pkt/s, out %,.0f pkt/s (forwarded %,.0f pkt/s, %.1f Mbit/s) | server CPU %.3f cores (kernel %.3f),"
                        + " %.3f ms per 1,000 forwarded, alloc %,.0f B/s (%.2f B/pkt) | loss %.3f %%, drops %.0f"
                        + " | latency p50 %.2f ms, p99 %.2f ms | generator CPU %.2f cores",
                portInPerSecond(),
                portOutPerSecond(),
                forwardedPerSecond(),
                forwardedMbitPerSecond(),
                serverCores(),
                serverKernelCores(),
                cpuMillisPerThousandForwarded(),
                allocatedBytesPerSecond(),
                allocatedBytesPerForwarded(),
                lossPercent(),
                drops(),
                latencyMillis(0.5),
                latencyMillis(0.99),
                generatorCores());
    }
}
