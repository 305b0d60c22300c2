package dev.quorum.bench.sidebyside;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The impaired-link runs, one line each as they finish, and per server the medians as Markdown. */
final class ImpairedReport {

    private ImpairedReport() {}

    static String row(Collapse c) {
        return String.format(
                Locale.ROOT,
                "downlink collapse, %s run %d (publisher sending %s): lower layer %s, back on top %s, smallest width %d, frozen %.1f s"
                        + " (%d freezes), frames decoded %d in the outage and %d in %.0f s, audio concealed %.1f %%",
                c.server(),
                c.run(),
                c.publisherLayers(),
                c.msToLowerLayer() < 0 ? "never" : c.msToLowerLayer() + " ms after the drop",
                backOnTop(c.msToLowerLayer(), c.msBackToTop()),
                c.minWidth(),
                c.frozenSeconds(),
                c.freezes(),
                c.outageFrames(),
                c.frames(),
                c.seconds(),
                c.concealedPercent());
    }

    static String row(Uplink u) {
        return String.format(
                Locale.ROOT,
                "lossy uplink, %s run %d: publisher encoded %d frames (%.0f kbit/s), viewer decoded %d (%.1f %%),"
                        + " %d freezes (%.1f s)",
                u.server(),
                u.run(),
                u.encoded(),
                u.sentKbps(),
                u.decoded(),
                u.decodedPercent(),
                u.freezes(),
                u.frozenSeconds());
    }

    static void print(List<Collapse> collapses, List<Uplink> uplinks, List<String> servers, PrintStream out) {
        if (!collapses.isEmpty()) {
            out.println();
            out.printf(
                    "Downlink collapse (%d → %d → %d kbit/s, %d s outage, measured until %d s after it; medians):%n%n",
                    DownlinkCollapse.NORMAL_KBPS,
                    DownlinkCollapse.COLLAPSED_KBPS,
                    DownlinkCollapse.NORMAL_KBPS,
                    DownlinkCollapse.OUTAGE.toSeconds(),
                    DownlinkCollapse.RECOVERY.toSeconds());
            out.println("| server | runs | to a lower layer | back on top | smallest width | frozen (freezes)"
                    + " | frames decoded in the outage / in all | audio concealed |");
            out.println("|---|---|---|---|---|---|---|---|");
            for (String s : servers) {
                List<Collapse> c =
                        collapses.stream().filter(x -> x.server().equals(s)).toList();
                if (c.isEmpty()) {
                    continue;
                }
                long lower = (long) median(c, x -> x.msToLowerLayer());
                out.printf(
                        Locale.ROOT,
                        "| %s | %d | %s | %s | %d | %.1f s (%.0f) | %.0f / %.0f | %.1f %% |%n",
                        s,
                        c.size(),
                        lower < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", lower / 1000.0),
                        backOnTop(lower, (long) median(c, x -> x.msBackToTop())),
                        (long) median(c, x -> x.minWidth()),
                        median(c, Collapse::frozenSeconds),
                        median(c, x -> x.freezes()),
                        median(c, x -> x.outageFrames()),
                        median(c, x -> x.frames()),
                        median(c, Collapse::concealedPercent));
            }
        }
        if (!uplinks.isEmpty()) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "Lossy uplink (%.0f %% lost, %d ± %d ms, %d s; medians):%n%n",
                    LossyUplink.LOSS_PERCENT,
                    LossyUplink.DELAY_MS,
                    LossyUplink.JITTER_MS,
                    LossyUplink.WINDOW.toSeconds());
            out.println(
                    "| server | runs | frames encoded | frames decoded | decoded | freezes (frozen) | publisher video |");
            out.println("|---|---|---|---|---|---|---|");
            for (String s : servers) {
                List<Uplink> u =
                        uplinks.stream().filter(x -> x.server().equals(s)).toList();
                if (u.isEmpty()) {
                    continue;
                }
                out.printf(
                        Locale.ROOT,
                        "| %s | %d | %.0f | %.0f | %.1f %% | %.0f (%.1f s) | %.0f kbit/s |%n",
                        s,
                        u.size(),
                        median(u, x -> x.encoded()),
                        median(u, x -> x.decoded()),
                        median(u, Uplink::decodedPercent),
                        median(u, x -> x.freezes()),
                        median(u, Uplink::frozenSeconds),
                        median(u, Uplink::sentKbps));
            }
        }
    }

    private static String backOnTop(long msToLower, long msBackToTop) {
        if (msToLower < 0) {
            return "never left it";
        }
        return msBackToTop < 0
                ? "not within " + DownlinkCollapse.RECOVERY.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s after the recovery", msBackToTop / 1000.0);
    }

    private static <T> double median(List<T> xs, ToDoubleFunction<T> f) {
        double[] v = xs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
