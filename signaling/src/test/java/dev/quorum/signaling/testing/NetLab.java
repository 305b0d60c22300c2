package dev.quorum.signaling.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Links between this machine and network namespaces, one per participant, each a veth pair (or a
 * relay, below) whose two directions are shaped separately with {@code tc}: what leaves the host
 * side is the participant's downlink, what leaves the namespace side its uplink. The server runs on
 * the host; a participant's browser runs in its namespace ({@link Chromium#inNamespace}) and
 * reaches the server only over its link. Namespaces and links are created by {@link #link} (or
 * {@link #relayedLink}) and removed by {@link #close}; addresses are 10.N.i.0/30, private to this
 * machine.
 *
 * <p>Needs root, iproute2 and nftables ({@code bin/test} installs them). The kernel this runs on
 * may lack {@code netem} (delay, jitter, loss): rates are shaped with {@code tbf}, which every
 * kernel with traffic control has, and random loss is an nftables rule ({@code numgen random})
 * on the receiving side of each direction, where a drop is as silent as on a real network (a drop
 * on the sending side would fail the sender's call).
 *
 * <p>Delay and jitter need a relay instead: a {@link #relayedLink} is a pair of TUN devices, one in
 * the namespace and one on the host, between which a thread of this JVM copies the packets, holding
 * each direction's for its delay and jitter and dropping its loss ({@link TunRelay}; also needs
 * {@code /dev/net/tun}). Its rates are shaped with {@code tbf} on the devices, before the delay, as
 * at a bottleneck on the sender's side of a long path.
 */
public final class NetLab implements AutoCloseable {

    /** One participant's link: a veth pair, or TUN devices and a relay ({@link #relayedLink}). */
    public final class Link {
        final String namespace;
        final String hostSide;
        final String namespaceSide;
        public final InetAddress hostAddress;
        public final InetAddress namespaceAddress;
        // Set for a relayed link once its devices exist.
        TunRelay relay;

        Link(String namespace, String hostSide, String namespaceSide, InetAddress host, InetAddress inside) {
            this.namespace = namespace;
            this.hostSide = hostSide;
            this.namespaceSide = namespaceSide;
            this.hostAddress = host;
            this.namespaceAddress = inside;
        }

        public String namespace() {
            return namespace;
        }

        /** Limits what reaches the participant to {@code kbps}, with a queue of {@code queueMs}. */
        public void downlink(int kbps, int queueMs) {
            shape(null, hostSide, kbps, queueMs);
        }

        /** Limits what the participant sends to {@code kbps}, with a queue of {@code queueMs}. */
        public void uplink(int kbps, int queueMs) {
            shape(namespace, namespaceSide, kbps, queueMs);
        }

        /** Lifts the downlink's limit. */
        public void unlimitDownlink() {
            run(null, "tc", "qdisc", "del", "dev", hostSide, "root");
        }

        /**
         * Delays what reaches the participant by {@code delayMs}, give or take up to {@code
         * jitterMs} (uniformly) per packet, never reordering it; 0 and 0 for none. Packets already
         * on their way keep their delay. Relayed links only.
         */
        public void downlinkDelay(int delayMs, int jitterMs) {
            relay().downlinkDelay(delayMs, jitterMs);
        }

        /** As {@link #downlinkDelay}, for what the participant sends. Relayed links only. */
        public void uplinkDelay(int delayMs, int jitterMs) {
            relay().uplinkDelay(delayMs, jitterMs);
        }

        private TunRelay relay() {
            if (relay == null) {
                throw new IllegalStateException(namespace + " is not a relayed link (NetLab.relayedLink)");
            }
            return relay;
        }

        /**
         * Drops packets at random: {@code downPercent} of what reaches the participant, {@code
         * upPercent} of what it sends; 0 and 0 for none.
         */
        public void loss(double downPercent, double upPercent) {
            if (relay != null) {
                relay.loss(downPercent, upPercent);
                return;
            }
            run(namespace, "nft", "flush", "chain", "inet", "quorum_lab", "arriving");
            if (downPercent > 0) {
                run(
                        namespace,
                        "nft",
                        "add",
                        "rule",
                        "inet",
                        "quorum_lab",
                        "arriving",
                        "iifname",
                        namespaceSide,
                        "numgen",
                        "random",
                        "mod",
                        "10000",
                        "<",
                        Long.toString(Math.round(downPercent * 100)),
                        "drop");
            }
            run(null, "nft", "flush", "chain", "inet", hostTable, uplinkChain());
            if (upPercent > 0) {
                run(
                        null,
                        "nft",
                        "add",
                        "rule",
                        "inet",
                        hostTable,
                        uplinkChain(),
                        "iifname",
                        hostSide,
                        "numgen",
                        "random",
                        "mod",
                        "10000",
                        "<",
                        Long.toString(Math.round(upPercent * 100)),
                        "drop");
            }
        }

        private String uplinkChain() {
            return "from_" + hostSide;
        }

        /** Runs {@code command} in this namespace. */
        public Process start(List<String> command, java.nio.file.Path log) throws IOException {
            List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            c.addAll(command);
            return new ProcessBuilder(c)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        }
    }

    /** Name prefix of the relays' threads, one per relayed link. */
    static final String RELAY_THREAD = "netlab-relay-";

    private final String prefix;
    private final String hostTable;
    private final int subnet;
    private final List<Link> links = new ArrayList<>();
    private boolean hostTableAdded;

    public NetLab() {
        long pid = ProcessHandle.current().pid();
        this.prefix = "q" + (pid % 100_000);
        this.hostTable = "quorum_lab_" + prefix;
        this.subnet = 100 + (int) (pid % 100);
    }

    /** A new namespace and its link; the namespace routes everything over it. */
    public Link link() throws IOException {
        Link link = namespace();
        String ns = link.namespace;
        run(null, "ip", "link", "add", link.hostSide, "type", "veth", "peer", "name", link.namespaceSide);
        address(link);
        // Chains for loss rules, empty until loss() fills them: arriving in the namespace, and
        // arriving at this host from the namespace.
        run(ns, "nft", "add", "table", "inet", "quorum_lab");
        run(
                ns,
                "nft",
                "add",
                "chain",
                "inet",
                "quorum_lab",
                "arriving",
                "{ type filter hook prerouting priority 0 ; }");
        if (!hostTableAdded) {
            run(null, "nft", "add", "table", "inet", hostTable);
            hostTableAdded = true;
        }
        run(
                null,
                "nft",
                "add",
                "chain",
                "inet",
                hostTable,
                link.uplinkChain(),
                "{ type filter hook prerouting priority 0 ; }");
        return link;
    }

    /**
     * A new namespace and its link through a relay in this JVM, which delays and drops packets
     * ({@link Link#uplinkDelay}, {@link Link#downlinkDelay}, {@link Link#loss}); no delay until
     * set. Otherwise as {@link #link}.
     */
    public Link relayedLink() throws IOException {
        Link link = namespace();
        // Both devices are created here and the namespace's moved: its descriptor stays attached.
        link.relay = new TunRelay(link.namespaceSide, link.hostSide, RELAY_THREAD + link.namespace);
        address(link);
        return link;
    }

    /** A new namespace and the names and addresses of its link, which close() will remove. */
    private Link namespace() throws IOException {
        int i = links.size() + 1;
        String ns = prefix + "n" + i;
        run(null, "ip", "netns", "add", ns);
        Link link = new Link(
                ns,
                prefix + "h" + i,
                prefix + "i" + i,
                InetAddress.getByName("10." + subnet + "." + i + ".1"),
                InetAddress.getByName("10." + subnet + "." + i + ".2"));
        links.add(link);
        return link;
    }

    /** Moves the link's inside device to its namespace, addresses both ends and routes over it. */
    private static void address(Link link) {
        String ns = link.namespace;
        String hostIp = link.hostAddress.getHostAddress();
        run(null, "ip", "link", "set", link.namespaceSide, "netns", ns);
        run(null, "ip", "addr", "add", hostIp + "/30", "dev", link.hostSide);
        run(null, "ip", "link", "set", link.hostSide, "up");
        run(ns, "ip", "addr", "add", link.namespaceAddress.getHostAddress() + "/30", "dev", link.namespaceSide);
        run(ns, "ip", "link", "set", link.namespaceSide, "up");
        run(ns, "ip", "link", "set", "lo", "up");
        run(ns, "ip", "route", "add", "default", "via", hostIp);
    }

    private static void shape(String ns, String dev, int kbps, int queueMs) {
        // A burst of at least one MTU-sized packet per timer tick; the queue's latency bounds the delay.
        int burstBytes = Math.max(3000, kbps * 1000 / 8 / 100);
        run(
                ns,
                "tc",
                "qdisc",
                "replace",
                "dev",
                dev,
                "root",
                "tbf",
                "rate",
                kbps + "kbit",
                "burst",
                Integer.toString(burstBytes),
                "latency",
                queueMs + "ms");
    }

    static void run(String ns, String... command) {
        List<String> c = new ArrayList<>();
        if (ns != null) {
            c.addAll(List.of("ip", "netns", "exec", ns));
        }
        c.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", c) + " failed: " + out
                                + " (the impaired-link tests need root, iproute2 and nftables: run them as root, e.g. through bin/test)");
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    String.join(" ", c) + " could not run (install iproute2 and nftables): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Removes every namespace (and with it its link), first stopping the relays. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Link l : links) {
            try {
                if (l.relay != null) {
                    l.relay.close();
                }
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
            try {
                run(null, "ip", "netns", "del", l.namespace);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (hostTableAdded) {
            hostTableAdded = false;
            try {
                run(null, "nft", "delete", "table", "inet", hostTable);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        links.clear();
        if (first != null) {
            throw first;
        }
    }
}
