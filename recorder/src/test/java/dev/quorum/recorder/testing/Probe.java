package dev.quorum.recorder.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What ffprobe and a full ffmpeg decode say about a file. */
public record Probe(
        String formatName,
        String codecName,
        int width,
        int height,
        double formatDuration,
        long frames,
        double firstPts,
        double lastPts,
        String decodeErrors) {

    /** Probes {@code file}: container, first stream, a counted read, and a full decode at {@code -v error}. */
    public static Probe of(Path file) {
        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-count_packets",
                "-show_entries",
                "format=format_name,duration:stream=codec_name,width,height,nb_read_packets",
                "-of",
                "default=noprint_wrappers=1",
                file.toString());
        Tools.Result r = Tools.run(cmd, 120).requireSuccess(cmd);
        Map<String, String> kv = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.putIfAbsent(
                        line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        List<Double> pts = packetTimes(file);
        return new Probe(
                kv.get("format_name"),
                kv.get("codec_name"),
                intOf(kv.get("width")),
                intOf(kv.get("height")),
                doubleOf(kv.get("duration")),
                pts.size(),
                pts.isEmpty() ? Double.NaN : pts.get(0),
                pts.isEmpty() ? Double.NaN : pts.get(pts.size() - 1),
                decodeErrors(file));
    }

    /** Presentation times (s) of every packet of the first stream, in file order. */
    public static List<Double> packetTimes(Path file) {
        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-select_streams",
                "0",
                "-show_entries",
                "packet=pts_time",
                "-of",
                "csv=p=0",
                file.toString());
        Tools.Result r = Tools.run(cmd, 120).requireSuccess(cmd);
        List<Double> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String s = line.trim().replace(",", "");
            if (!s.isEmpty() && !s.equals("N/A")) {
                out.add(Double.parseDouble(s));
            }
        }
        return out;
    }

    /** Keyframe flags ("K" in ffprobe's flags) of every packet, in file order. */
    public static List<Boolean> keyFlags(Path file) {
        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-select_streams",
                "0",
                "-show_entries",
                "packet=flags",
                "-of",
                "csv=p=0",
                file.toString());
        Tools.Result r = Tools.run(cmd, 120).requireSuccess(cmd);
        List<Boolean> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                out.add(line.contains("K"));
            }
        }
        return out;
    }

    /** Everything a full decode at {@code -v error} prints (empty means the file decodes cleanly). */
    public static String decodeErrors(Path file) {
        List<String> cmd = List.of(
                Tools.ffmpeg(), "-hide_banner", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        Tools.Result r = Tools.run(cmd, 180);
        return (r.exitCode() == 0 ? "" : "exit " + r.exitCode() + "\n")
                + r.stderr().trim();
    }

    /** Number of frames a full decode produces. */
    public static long decodedFrames(Path file) {
        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "0",
                "-show_entries",
                "stream=nb_read_frames",
                "-of",
                "csv=p=0",
                file.toString());
        Tools.Result r = Tools.run(cmd, 180).requireSuccess(cmd);
        String n = r.stdout().trim().replace(",", "");
        return n.isEmpty() || n.equals("N/A") ? 0 : Long.parseLong(n);
    }

    private static int intOf(String s) {
        return s == null || s.equals("N/A") ? 0 : Integer.parseInt(s);
    }

    private static double doubleOf(String s) {
        return s == null || s.equals("N/A") ? Double.NaN : Double.parseDouble(s);
    }
}
