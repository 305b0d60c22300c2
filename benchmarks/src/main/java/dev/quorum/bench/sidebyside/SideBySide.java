package dev.quorum.bench.sidebyside;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Our server and Janus side by side on the same Chromium load: N participants in one room, each
 * publishing the fake camera and microphone and receiving everyone else's. Runs alternate between
 * the servers, each on a freshly started process; after a warm-up, a window measures the server's
 * CPU time (user and kernel, from {@code /proc}) and the subscribers' getStats counters, and the
 * table gives per server the CPU per forwarded packet, loss, freezes and jitter-buffer delay, the
 * medians over the runs and their ratio ours/Janus.
 *
 * <pre>
 * benchmarks/janus/run.sh [--runs 3] [--participants 4] [--warmup 15,75] [--measure 20]
 *                         [--video 640x480@30] [--servers quorum,janus] [--jar server/target/quorum-server.jar]
 *                         [--java-opts "-Xmx512m ..."]
 * </pre>
 *
 * Exits 1, saying why, when a server does not start or media does not flow.
 */
public final class SideBySide {

    private int runs = 3;
    private int participants = 4;
    private int[] warmups = {15, 75};
    private int measure = 20;
    private Video video = new Video(640, 480, 30);
    private List<String> servers = List.of("quorum", "janus");
    private Path jar = Path.of("server/target/quorum-server.jar");
    private List<String> javaOptions = List.of();

    public static void main(String[] args) {
        SideBySide b = new SideBySide();
        try {
            b.parse(args);
            List<Window> windows = b.measureAll();
            Report.print(windows, b.servers, System.out);
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println("side-by-side: " + e.getMessage());
            System.exit(2);
        } catch (BenchmarkFailure e) {
            System.err.println("side-by-side: " + e.getMessage());
            System.exit(1);
        } catch (org.openqa.selenium.WebDriverException e) {
            System.err.println("side-by-side: the browser failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private void parse(String[] args) {
        Flags.each(args, (flag, v) -> {
            switch (flag) {
                case "--runs" -> runs = Integer.parseInt(v);
                case "--participants" -> participants = Integer.parseInt(v);
                case "--warmup" ->
                    warmups = Arrays.stream(v.split(","))
                            .mapToInt(Integer::parseInt)
                            .sorted()
                            .toArray();
                case "--measure" -> measure = Integer.parseInt(v);
                case "--video" -> video = Video.parse(v);
                case "--servers" -> servers = List.of(v.split(","));
                case "--jar" -> jar = Path.of(v);
                case "--java-opts" -> javaOptions = Flags.javaOptions(v);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        });
        if (participants < 2 || runs < 1 || measure < 1) {
            throw new IllegalArgumentException("at least 2 participants, 1 run and a 1 s window");
        }
        for (String s : servers) {
            if (!s.equals("quorum") && !s.equals("janus")) {
                throw new IllegalArgumentException("--servers takes quorum and/or janus, not " + s);
            }
        }
    }

    private List<Window> measureAll() {
        System.out.printf(
                "side by side: %d participants (%s, no simulcast), %d run(s) per server, warm-up %s s,"
                        + " %d s measured; %s; %d processors; load average %s%n",
                participants,
                video,
                runs,
                Arrays.toString(warmups),
                measure,
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                Load.average());
        List<Window> windows = new ArrayList<>();
        Path work;
        try {
            work = Files.createTempDirectory("side-by-side");
        } catch (java.io.IOException e) {
            throw new BenchmarkFailure("cannot make a work directory: " + e.getMessage(), e);
        }
        try (Browser browser = Browser.start()) {
            for (int run = 1; run <= runs; run++) {
                // Alternate which server goes first, so that a drift in the machine's load is shared.
                List<String> order = new ArrayList<>(servers);
                if (run % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (String server : order) {
                    List<Window> w = runOnce(browser, server, run, work.resolve(server + "-" + run));
                    w.forEach(x -> System.out.println(Report.row(x)));
                    windows.addAll(w);
                }
            }
        }
        return windows;
    }

    private List<Window> runOnce(Browser browser, String name, int run, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new BenchmarkFailure("cannot make " + dir + ": " + e.getMessage(), e);
        }
        MediaServer server = null;
        try {
            server = name.equals("janus") ? JanusServer.start(dir) : QuorumProcess.start(jar, javaOptions, dir);
            server.join(browser, participants, video);
            awaitFlowing(browser, name);
            long flowing = System.nanoTime();
            List<Window> windows = new ArrayList<>();
            for (int warmup : warmups) {
                sleepUntil(flowing + Duration.ofSeconds(warmup).toNanos());
                windows.add(window(browser, server, run, warmup));
            }
            return windows;
        } catch (java.io.IOException e) {
            throw new BenchmarkFailure(name + ": " + e.getMessage() + " (logs in " + dir + ")", e);
        } catch (BenchmarkFailure | org.openqa.selenium.WebDriverException e) {
            throw new BenchmarkFailure(name + " run " + run + ": " + e.getMessage() + " (logs in " + dir + ")", e);
        } finally {
            try {
                browser.reset();
            } catch (RuntimeException e) {
                System.err.println("side-by-side: could not close the tabs: " + e.getMessage());
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    /** Every participant receives every stream of every other participant. */
    private void awaitFlowing(Browser browser, String name) {
        int expected = 2 * (participants - 1);
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            boolean all = true;
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < participants; i++) {
                PageTotals t = browser.totals(i);
                s.append(" p")
                        .append(i)
                        .append(": ")
                        .append((int) t.flowing())
                        .append('/')
                        .append(expected);
                all &= t.flowing() >= expected;
            }
            if (all) {
                return;
            }
            last = s.toString();
            Child.pause(Duration.ofMillis(500));
        }
        throw new BenchmarkFailure("media did not flow within 60 s: inbound streams with packets" + last);
    }

    private Window window(Browser browser, MediaServer server, int run, int warmup) {
        ProcessCost cpu0 = ProcessCost.of(server.pid());
        long t0 = System.nanoTime();
        PageTotals[] before = new PageTotals[participants];
        for (int i = 0; i < participants; i++) {
            before[i] = browser.totals(i);
        }
        sleepUntil(t0 + Duration.ofSeconds(measure).toNanos());
        ProcessCost cpu1 = ProcessCost.of(server.pid());
        long t1 = System.nanoTime();
        PageTotals sum = PageTotals.ZERO;
        for (int i = 0; i < participants; i++) {
            PageTotals d = browser.totals(i).since(before[i]);
            // At least a tenth of the others' audio alone (50 packets/s a stream): media still flows.
            double floor = 0.1 * 50 * (participants - 1) * measure;
            if (d.received() < floor) {
                throw new BenchmarkFailure("media stopped: participant p" + i + " received " + (long) d.received()
                        + " packets in " + measure + " s");
            }
            sum = sum.plus(d);
        }
        return new Window(
                server.name(), run, warmup, (t1 - t0) / 1e9, participants, cpu1.since(cpu0), sum, Load.average1());
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Child.pause(Duration.ofNanos(left));
        }
    }
}
