package dev.quorum.bench.transport;

import dev.quorum.sfu.transport.srtp.SrtpCrypto;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.ToLongFunction;

/**
 * The operations of {@link SrtpBenchmark} timed in <em>CPU time</em> of the measuring thread
 * (ThreadMXBean), not wall time. On a shared, busy machine JMH's wall-clock averages include the
 * time the thread waits for a core; CPU time per operation stays close to what the operation
 * costs on an idle core. Run:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.quorum.bench.transport.SrtpCpuTime [millions]</pre>
 */
public final class SrtpCpuTime {

    private SrtpCpuTime() {}

    public static void main(String[] args) {
        int n = (int) (Double.parseDouble(args.length > 0 ? args[0] : "1") * 1_000_000);
        System.out.println("SRTP AES provider: " + SrtpCrypto.initialize());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpBenchmark b = new SrtpBenchmark();
            b.profile = profile;
            b.setUp();
            try {
                measure(mx, profile, "copy", n, x -> x.copy().readableBytes(), b);
                measure(mx, profile, "protect", n, x -> x.protect().ordinal(), b);
                measure(
                        mx,
                        profile,
                        "protectUnprotect",
                        n,
                        x -> x.protectUnprotect().ordinal(),
                        b);
                measure(mx, profile, "receivePath", n, SrtpBenchmark::receivePath, b);
            } finally {
                b.tearDown();
            }
        }
    }

    private static void measure(
            ThreadMXBean mx,
            SrtpProfile profile,
            String name,
            int n,
            ToLongFunction<SrtpBenchmark> op,
            SrtpBenchmark b) {
        long sink = 0;
        for (int i = 0; i < n / 4; i++) {
            sink += op.applyAsLong(b);
        }
        long cpu = mx.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += op.applyAsLong(b);
        }
        double cpuNs = (mx.getCurrentThreadCpuTime() - cpu) / (double) n;
        double wallNs = (System.nanoTime() - wall) / (double) n;
        System.out.printf(
                "%-24s %-17s cpu %8.1f ns/op   wall %8.1f ns/op   (%d)%n", profile, name, cpuNs, wallNs, sink & 1);
    }
}
