package dev.quorum.signaling.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetLab's relayed link: UDP packets from this host to a reflector in the participant's namespace
 * and back come back as late as the two directions' delays add up to, each exactly once and in the
 * order sent, also under jitter; and closing the lab leaves no namespace, device or relay thread.
 */
@RunsAlone
@Tag("slow")
class NetLabRelayTest {

    static final int PORT = 40_000;

    @TempDir
    Path logs;

    @Test
    void aRoundTripTakesBothDirectionsDelays() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Link link = lab.relayedLink();
            try (Echoes echoes = new Echoes(link, logs)) {
                link.uplinkDelay(50, 0);
                link.downlinkDelay(30, 0);
                List<Echo> delayed = echoes.exchange(20, 50);
                assertThat(delayed).hasSize(20);
                assertThat(median(delayed)).isBetween(75.0, 110.0);

                // Delays change while the link is up.
                link.uplinkDelay(0, 0);
                link.downlinkDelay(0, 0);
                List<Echo> direct = echoes.exchange(20, 50);
                assertThat(direct).hasSize(20);
                assertThat(median(direct)).isLessThan(10.0);
                System.out.printf(
                        "round trip, median: %.1f ms delayed 50 + 30 ms, %.2f ms undelayed%n",
                        median(delayed), median(direct));
            }
        }
    }

    @Test
    void jitterSpreadsTheDelayWithoutReordering() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Link link = lab.relayedLink();
            try (Echoes echoes = new Echoes(link, logs)) {
                link.uplinkDelay(100, 20);
                // Sent 10 ms apart, a quarter of the jitter's span: unconstrained, many would
                // overtake.
                List<Echo> echoed = echoes.exchange(150, 10);

                assertThat(echoed).hasSize(150);
                assertThat(echoed).extracting(Echo::seq).isSorted().doesNotHaveDuplicates();
                double min = echoed.stream().mapToDouble(Echo::rttMs).min().orElseThrow();
                double max = echoed.stream().mapToDouble(Echo::rttMs).max().orElseThrow();
                // Never below the delay's lower bound; never beyond its upper one but for the
                // relay's millisecond and the reflector's time.
                assertThat(min).isGreaterThanOrEqualTo(80.0);
                assertThat(max).isLessThan(130.0);
                assertThat(max - min).isGreaterThan(10.0);
                System.out.printf(
                        "round trip under 100 ± 20 ms: %.1f to %.1f ms, median %.1f ms%n", min, max, median(echoed));
            }
        }
    }

    @Test
    void theRelayDropsEachDirectionsLoss() throws Exception {
        try (NetLab lab = new NetLab()) {
            NetLab.Link link = lab.relayedLink();
            try (Echoes echoes = new Echoes(link, logs)) {
                link.loss(100, 0);
                assertThat(echoes.exchange(10, 10)).isEmpty();
                link.loss(0, 100);
                assertThat(echoes.exchange(10, 10)).isEmpty();
                link.loss(0, 0);
                assertThat(echoes.exchange(10, 10)).hasSize(10);
            }
        }
    }

    @Test
    void closingRemovesTheNamespaceTheDevicesAndTheRelay() throws Exception {
        NetLab lab = new NetLab();
        NetLab.Link link;
        try {
            link = lab.relayedLink();
            assertThat(exit("ip", "link", "show", link.hostSide)).isZero();
            assertThat(exit("ip", "netns", "exec", link.namespace, "ip", "link", "show", link.namespaceSide))
                    .isZero();
            assertThat(relayThreads()).hasSize(1);
        } finally {
            lab.close();
        }
        assertThat(exit("ip", "netns", "exec", link.namespace, "true")).isNotZero();
        assertThat(exit("ip", "link", "show", link.hostSide)).isNotZero();
        assertThat(relayThreads()).isEmpty();
    }

    /** One packet's way back: its number and its round trip. */
    record Echo(int seq, double rttMs) {}

    /**
     * This host's end of the exchange with a {@link Reflector} in the link's namespace, started on
     * construction and stopped on close.
     */
    static final class Echoes implements AutoCloseable {
        private final Process reflector;
        private final DatagramSocket socket;
        private final InetSocketAddress target;
        private int round;

        Echoes(NetLab.Link link, Path logs) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            reflector = link.start(
                    List.of(
                            java.toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-Xmx32m",
                            "-cp",
                            testClasses().toString(),
                            Reflector.class.getName(),
                            link.namespaceAddress.getHostAddress(),
                            Integer.toString(PORT)),
                    logs.resolve("reflector-" + link.namespace() + ".log"));
            socket = new DatagramSocket(new InetSocketAddress(link.hostAddress, 0));
            target = new InetSocketAddress(link.namespaceAddress, PORT);
            awaitReflector(link, logs);
        }

        private void awaitReflector(NetLab.Link link, Path logs) throws IOException {
            socket.setSoTimeout(100);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            byte[] probe = payload(-1, 0, 0);
            byte[] in = new byte[64];
            while (System.nanoTime() < deadline) {
                socket.send(new DatagramPacket(probe, probe.length, target));
                try {
                    socket.receive(new DatagramPacket(in, in.length));
                    return;
                } catch (SocketTimeoutException e) {
                    // not listening yet
                }
            }
            throw new IllegalStateException("the reflector in " + link.namespace() + " did not answer; see " + logs);
        }

        /**
         * Sends {@code count} numbered packets {@code intervalMs} apart and returns, in the order
         * they came back, those back within a second of the last sent.
         */
        List<Echo> exchange(int count, int intervalMs) throws Exception {
            int r = ++round;
            Thread sender = new Thread(
                    () -> {
                        try {
                            for (int seq = 0; seq < count; seq++) {
                                byte[] p = payload(r, seq, System.nanoTime());
                                socket.send(new DatagramPacket(p, p.length, target));
                                Thread.sleep(intervalMs);
                            }
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "netlab-echo-sender");
            sender.start();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) count * intervalMs + 1000);
            List<Echo> echoes = new ArrayList<>();
            byte[] in = new byte[64];
            while (echoes.size() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(in, in.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                long now = System.nanoTime();
                ByteBuffer b = ByteBuffer.wrap(in, 0, packet.getLength());
                if (b.getInt() == r) { // not a probe's or an earlier round's
                    int seq = b.getInt();
                    echoes.add(new Echo(seq, (now - b.getLong()) / 1e6));
                }
            }
            sender.join();
            return echoes;
        }

        private static byte[] payload(int round, int seq, long sentNanos) {
            return ByteBuffer.allocate(16)
                    .putInt(round)
                    .putInt(seq)
                    .putLong(sentNanos)
                    .array();
        }

        @Override
        public void close() {
            socket.close();
            reflector.destroy();
            try {
                reflector.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends every UDP packet back where it came from; run in a namespace by {@link Echoes}. */
    public static final class Reflector {
        public static void main(String[] args) throws IOException {
            try (DatagramSocket socket = new DatagramSocket(
                    new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])))) {
                // Gone a minute after its last packet, should the test's JVM have gone without it.
                socket.setSoTimeout(60_000);
                byte[] buffer = new byte[2048];
                while (true) {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException e) {
                        return;
                    }
                    socket.send(p);
                }
            }
        }
    }

    private static Path testClasses() throws URISyntaxException {
        return Path.of(Reflector.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static double median(List<Echo> echoes) {
        double[] rtts = echoes.stream().mapToDouble(Echo::rttMs).sorted().toArray();
        return rtts[rtts.length / 2];
    }

    private static List<String> relayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith(NetLab.RELAY_THREAD))
                .toList();
    }

    private static int exit(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }
}
