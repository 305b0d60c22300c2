package dev.quorum.bench.sidebyside;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The table of measured windows, the medians per server and warm-up, and the ratio ours/Janus. */
final class Report {

    private static final String HEADER = String.format(
            "%-7s %3s %6s %8s %6s %7s %7s %7s %6s %7s %7s %6s %6s %6s %7s %7s %5s %5s",
            "server", "run", "warmup", "pkts/s", "cores", "µs/pkt", "user", "kernel", "loss%", "freezes", "frz s",
            "fps", "jb-v", "jb-a", "conc%", "pub-kb", "RSS", "load");

    private Report() {}

    static String row(Window w) {
        return String.format(
                Locale.ROOT,
                "%-7s %3d %5ds %8.0f %6.3f %7.1f %7.1f %7.1f %6.2f %7.0f %7.2f %6.1f %6.0f %6.0f %7.2f %7.0f %5.0f %5.2f",
                w.server(),
                w.run(),
                w.warmup(),
                w.packetsPerSecond(),
                w.cores(),
                w.microsPerPacket(),
                w.userMicrosPerPacket(),
                w.kernelMicrosPerPacket(),
                w.lossPercent(),
                w.rtp().freezes(),
                w.rtp().freezeSeconds(),
                w.framesPerSecondPerStream(),
                w.videoJitterBufferMillis(),
                w.audioJitterBufferMillis(),
                w.concealedPercent(),
                w.publisherVideoKbps(),
                w.residentMiB(),
                w.loadAverage());
    }

    static void print(List<Window> windows, List<String> servers, PrintStream out) {
        out.println();
        out.println("Columns: packets/s received by all subscribers (= forwarded); server CPU in cores; CPU µs per"
                + " forwarded packet (user + kernel); loss = lost/(received+lost); video freezes and their seconds;"
                + " decoded frames/s per video stream; jitter-buffer delay per frame, video and audio (ms);"
                + " concealed audio samples %; video kbit/s each publisher sent; resident MiB; 1-min load average.");
        out.println(HEADER);
        windows.forEach(w -> out.println(row(w)));
        out.println();
        out.println("Medians over the runs:");
        out.println(HEADER);
        List<Integer> warmups =
                windows.stream().map(Window::warmup).distinct().sorted().toList();
        for (int warmup : warmups) {
            for (String server : servers) {
                List<Window> ws = select(windows, server, warmup);
                if (!ws.isEmpty()) {
                    out.println(medianRow(server, warmup, ws));
                }
            }
            if (servers.contains("quorum") && servers.contains("janus")) {
                List<Window> q = select(windows, "quorum", warmup);
                List<Window> j = select(windows, "janus", warmup);
                out.printf(
                        Locale.ROOT,
                        "ratio quorum/janus after %d s: CPU per packet %.2f (user %.2f, kernel %.2f), resident memory"
                                + " %.2f; loss %.2f%% vs %.2f%%, freezes %.0f vs %.0f (%.2f s vs %.2f s)%n",
                        warmup,
                        ratio(q, j, Window::microsPerPacket),
                        ratio(q, j, Window::userMicrosPerPacket),
                        ratio(q, j, Window::kernelMicrosPerPacket),
                        ratio(q, j, Window::residentMiB),
                        median(q, Window::lossPercent),
                        median(j, Window::lossPercent),
                        median(q, w -> w.rtp().freezes()),
                        median(j, w -> w.rtp().freezes()),
                        median(q, w -> w.rtp().freezeSeconds()),
                        median(j, w -> w.rtp().freezeSeconds()));
            }
        }
    }

    private static List<Window> select(List<Window> windows, String server, int warmup) {
        return windows.stream()
                .filter(w -> w.server().equals(server) && w.warmup() == warmup)
                .toList();
    }

    private static String medianRow(String server, int warmup, List<Window> ws) {
        return String.format(
                Locale.ROOT,
                "%-7s %3s %5ds %8.0f %6.3f %7.1f %7.1f %7.1f %6.2f %7.0f %7.2f %6.1f %6.0f %6.0f %7.2f %7.0f %5.0f %5.2f",
                server,
                "med",
                warmup,
                median(ws, Window::packetsPerSecond),
                median(ws, Window::cores),
                median(ws, Window::microsPerPacket),
                median(ws, Window::userMicrosPerPacket),
                median(ws, Window::kernelMicrosPerPacket),
                median(ws, Window::lossPercent),
                median(ws, w -> w.rtp().freezes()),
                median(ws, w -> w.rtp().freezeSeconds()),
                median(ws, Window::framesPerSecondPerStream),
                median(ws, Window::videoJitterBufferMillis),
                median(ws, Window::audioJitterBufferMillis),
                median(ws, Window::concealedPercent),
                median(ws, Window::publisherVideoKbps),
                median(ws, Window::residentMiB),
                median(ws, Window::loadAverage));
    }

    private static double ratio(List<Window> a, List<Window> b, ToDoubleFunction<Window> f) {
        return median(a, f) / median(b, f);
    }

    static double median(List<Window> ws, ToDoubleFunction<Window> f) {
        double[] v = ws.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
