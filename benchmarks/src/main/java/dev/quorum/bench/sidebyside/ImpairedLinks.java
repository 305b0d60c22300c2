package dev.quorum.bench.sidebyside;

import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.NetLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Our server and Janus side by side on impaired links, the scenarios the test suite plays against
 * our server alone: a viewer whose downlink collapses ({@link DownlinkCollapse}) and a publisher
 * whose uplink is lossy and delayed ({@link LossyUplink}). One browser runs on the host and one in
 * a network namespace whose link ({@link NetLab#relayedLink}) is shaped, delayed and lossy; the
 * servers listen on the link's host address. Runs alternate between the servers, each on a freshly
 * started process.
 *
 * <pre>
 * benchmarks/janus/impaired.sh [--runs 1] [--scenarios downlink,uplink] [--servers quorum,janus]
 *                              [--jar server/target/quorum-server.jar] [--java-opts "..."]
 * </pre>
 *
 * Needs root (namespaces, TUN devices, tc). Exits 1, saying why, when a server or browser does not
 * start or media does not flow before the impairment.
 */
public final class ImpairedLinks {

    private int runs = 1;
    private List<String> scenarios = List.of("downlink", "uplink");
    private List<String> servers = List.of("quorum", "janus");
    private Path jar = Path.of("server/target/quorum-server.jar");
    private List<String> javaOptions = List.of();

    private final List<Collapse> collapses = new ArrayList<>();
    // What is running, for closeAll: at the end, on failure, and on an interrupt.
    private NetLab lab;
    private Chromium host;
    private Chromium inside;
    private MediaServer server;
    private final List<Uplink> uplinks = new ArrayList<>();

    public static void main(String[] args) {
        ImpairedLinks b = new ImpairedLinks();
        int status = 0;
        try {
            b.parse(args);
            b.measureAll();
        } catch (IllegalArgumentException e) {
            System.err.println("impaired links: " + e.getMessage());
            status = 2;
        } catch (BenchmarkFailure | IllegalStateException e) {
            System.err.println("impaired links: " + e.getMessage());
            status = 1;
        } catch (org.openqa.selenium.WebDriverException e) {
            System.err.println("impaired links: the browser failed: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            System.err.println("impaired links: " + e);
            status = 1;
        }
        // What was measured before a failure is still worth seeing.
        ImpairedReport.print(b.collapses, b.uplinks, b.servers, System.out);
        System.exit(status);
    }

    private void parse(String[] args) {
        Flags.each(args, (flag, v) -> {
            switch (flag) {
                case "--runs" -> runs = Integer.parseInt(v);
                case "--scenarios" -> scenarios = List.of(v.split(","));
                case "--servers" -> servers = List.of(v.split(","));
                case "--jar" -> jar = Path.of(v);
                case "--java-opts" -> javaOptions = Flags.javaOptions(v);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        });
        if (runs < 1) {
            throw new IllegalArgumentException("at least 1 run");
        }
        for (String s : servers) {
            if (!s.equals("quorum") && !s.equals("janus")) {
                throw new IllegalArgumentException("--servers takes quorum and/or janus, not " + s);
            }
        }
        for (String s : scenarios) {
            if (!s.equals("downlink") && !s.equals("uplink")) {
                throw new IllegalArgumentException("--scenarios takes downlink and/or uplink, not " + s);
            }
        }
    }

    private void measureAll() throws Exception {
        System.out.printf(
                "impaired links: %s, %d run(s) per server and scenario; %s; %d processors; load average %s%n",
                String.join(" and ", scenarios),
                runs,
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                Load.average());
        Path work = Files.createTempDirectory("impaired-links");
        // An interrupted run must leave neither processes nor the namespace and its devices behind.
        Thread cleanup = new Thread(this::closeAll, "impaired-links-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            lab = new NetLab();
            NetLab.Link link = lab.relayedLink();
            String address = link.hostAddress.getHostAddress();
            // Fixed for all runs: both browsers treat both pages' origins as secure (for the camera).
            int quorumPort = Child.freePort();
            int janusPagePort = Child.freePort();
            String origins = "http://" + address + ":" + quorumPort + ",http://" + address + ":" + janusPagePort;
            inside = Chromium.inNamespace(link, work.resolve("chromedriver-in-namespace.log"), origins);
            host = Chromium.start(List.of("--unsafely-treat-insecure-origin-as-secure=" + origins));
            for (int run = 1; run <= runs; run++) {
                for (String scenario : scenarios) {
                    // Alternate which server goes first, so that a drift in the machine's load is shared.
                    List<String> order = new ArrayList<>(servers);
                    if (run % 2 == 0) {
                        Collections.reverse(order);
                    }
                    for (String name : order) {
                        Path dir = Files.createDirectories(work.resolve(scenario + "-" + name + "-" + run));
                        try {
                            MediaServer started = name.equals("janus")
                                    ? JanusServer.start(dir, address, address, janusPagePort)
                                    : QuorumProcess.start(jar, javaOptions, dir, address, quorumPort);
                            server = started;
                            if (scenario.equals("downlink")) {
                                Collapse c = DownlinkCollapse.run(started, run, host, inside, link);
                                System.out.println(ImpairedReport.row(c));
                                collapses.add(c);
                            } else {
                                Uplink u = LossyUplink.run(started, run, host, inside, link);
                                System.out.println(ImpairedReport.row(u));
                                uplinks.add(u);
                            }
                        } catch (BenchmarkFailure | IllegalStateException | org.openqa.selenium.WebDriverException e) {
                            throw new BenchmarkFailure(
                                    scenario + ", " + name + " run " + run + ": " + e.getMessage() + " (logs in " + dir
                                            + ")",
                                    e);
                        } finally {
                            blank(host);
                            blank(inside);
                            closeServer();
                        }
                    }
                }
            }
        } finally {
            closeAll();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private synchronized void closeServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The server, both browsers (and the namespace's chromedriver), then the namespace. */
    private synchronized void closeAll() {
        closeServer();
        for (Chromium c : new Chromium[] {host, inside}) {
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    System.err.println("impaired links: could not close a browser: " + e.getMessage());
                }
            }
        }
        host = null;
        inside = null;
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    /** Leaves the page, closing its peer connections, before its server stops. */
    private static void blank(Chromium browser) {
        if (browser == null) {
            return;
        }
        try {
            browser.open("about:blank");
        } catch (RuntimeException e) {
            System.err.println("impaired links: could not leave the page: " + e.getMessage());
        }
    }
}
