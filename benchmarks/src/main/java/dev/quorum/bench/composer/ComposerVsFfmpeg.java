package dev.quorum.bench.composer;

import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.engine.CompositionEngine;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.EngineSettings;
import dev.quorum.composer.engine.Ffmpeg;
import dev.quorum.composer.layout.GridSize;
import dev.quorum.composer.layout.Rect;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Composes the same generated recordings two ways and prints both wall times: our composer (in
 * this JVM, the FFmpeg 7.1.1 libraries bundled by bytedeco) and the {@code ffmpeg} 7.1.1 program
 * bundled in the same jar, doing the same grid (scale to fit, pad, xstack), the same linear audio
 * sum (amix without normalisation) and the same encoders (libopenh264 + aac in MP4 with faststart,
 * same bit rates and keyframe distance).
 *
 * <p>Each configuration runs as {@code runs} adjacent pairs (ours then the CLI, or the CLI then
 * ours, alternating), so both sides of a pair see about the same machine load. Printed are the
 * medians of the wall times, of the per-pair ratios, and of the CPU times (user + system, all
 * threads): on a shared machine wall times follow the load, CPU times much less.
 *
 * <p>With {@code mode=concurrent} each pair instead runs both sides at the same time, so they face
 * exactly the same outside load (and share the machine between them).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.quorum.bench.composer.ComposerVsFfmpeg
 * [seconds=60] [sources=1,4,9] [sizes=640x480,1280x720] [runs=5] [mode=pairs|concurrent]
 * [dir=/tmp/composer-bench]}
 */
public final class ComposerVsFfmpeg {

    private static final long T0 = 1_763_000_000_000L;

    private ComposerVsFfmpeg() {}

    public static void main(String[] args) throws Exception {
        int seconds = 60;
        int runs = 5;
        boolean concurrent = false;
        List<Integer> counts = List.of(1, 4, 9);
        List<Resolution> sizes = List.of(new Resolution(640, 480), new Resolution(1280, 720));
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "composer-bench");
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "seconds" -> seconds = Integer.parseInt(kv[1]);
                case "sources" ->
                    counts = java.util.Arrays.stream(kv[1].split(","))
                            .map(Integer::parseInt)
                            .toList();
                case "sizes" -> {
                    List<Resolution> r = new ArrayList<>();
                    for (String s : kv[1].split(",")) {
                        r.add(Resolution.parse(s));
                    }
                    sizes = r;
                }
                case "dir" -> dir = Path.of(kv[1]);
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "mode" ->
                    concurrent = switch (kv[1]) {
                        case "pairs" -> false;
                        case "concurrent" -> true;
                        default -> throw new IllegalArgumentException("mode is pairs or concurrent");
                    };
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        Files.createDirectories(dir);
        Ffmpeg.init();
        String cli = Ffmpeg.bundledCli();
        int max = counts.stream().mapToInt(Integer::intValue).max().orElse(1);
        System.out.printf(
                Locale.ROOT,
                "ffmpeg CLI: %s%nmaking %d sources of %d s (VP8 640x480 25 fps + Opus)...%n",
                cli,
                max,
                seconds);
        List<Path[]> inputs = makeInputs(cli, dir, max, seconds);
        EngineSettings settings = EngineSettings.DEFAULT;
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "medians of %d %s; machine load average %.1f at start%n%n",
                runs,
                concurrent ? "pairs run side by side" : "adjacent pairs",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.println("| sources | output | ours wall (s) | CLI wall (s) | ours / CLI (per pair) | ours CPU (s)"
                + " | CLI CPU (s) | ours × real time | CLI × real time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Resolution size : sizes) {
            for (int n : counts) {
                List<Path[]> use = inputs.subList(0, n);
                double[][] ours = new double[runs][];
                double[][] theirs = new double[runs][];
                double[] ratio = new double[runs];
                Path oursOut = dir.resolve("ours-" + n + "-" + size + ".mp4");
                Path cliOut = dir.resolve("cli-" + n + "-" + size + ".mp4");
                for (int r = 0; r < runs; r++) {
                    if (concurrent) {
                        var cliRun = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            try {
                                return timeCli(cli, use, size, settings, cliOut);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        ours[r] = timeOurs(use, size, seconds, settings, oursOut);
                        theirs[r] = cliRun.join();
                    } else if (r % 2 == 0) {
                        ours[r] = timeOurs(use, size, seconds, settings, oursOut);
                        theirs[r] = timeCli(cli, use, size, settings, cliOut);
                    } else {
                        theirs[r] = timeCli(cli, use, size, settings, cliOut);
                        ours[r] = timeOurs(use, size, seconds, settings, oursOut);
                    }
                    ratio[r] = ours[r][0] / theirs[r][0];
                }
                double oursWall = median(ours, 0);
                double cliWall = median(theirs, 0);
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f |%n",
                        n,
                        size,
                        oursWall,
                        cliWall,
                        median(ratio),
                        median(ours, 1),
                        median(theirs, 1),
                        seconds / oursWall,
                        seconds / cliWall);
            }
        }
    }

    private static double median(double[][] runs, int column) {
        double[] v = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            v[i] = runs[i][column];
        }
        return median(v);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static List<Path[]> makeInputs(String cli, Path dir, int n, int seconds) throws Exception {
        List<Path[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path v = dir.resolve("cam" + i + "-" + seconds + ".mkv");
            Path a = dir.resolve("mic" + i + "-" + seconds + ".mka");
            if (!Files.exists(v)) {
                run(List.of(
                        cli,
                        "-nostdin",
                        "-y",
                        "-loglevel",
                        "error",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=s=640x480:r=25:d=" + seconds + ",hue=h=" + (i * 40),
                        "-c:v",
                        "libvpx",
                        "-b:v",
                        "600k",
                        "-g",
                        "75",
                        "-deadline",
                        "realtime",
                        "-cpu-used",
                        "8",
                        v.toString()));
            }
            if (!Files.exists(a)) {
                run(List.of(
                        cli,
                        "-nostdin",
                        "-y",
                        "-loglevel",
                        "error",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=" + (220 + 110 * i) + ":sample_rate=48000:d=" + seconds,
                        "-c:a",
                        "libopus",
                        "-b:a",
                        "32k",
                        a.toString()));
            }
            out.add(new Path[] {v, a});
        }
        return out;
    }

    /** Wall and CPU seconds of one composition in this JVM. */
    private static double[] timeOurs(
            List<Path[]> inputs, Resolution size, int seconds, EngineSettings settings, Path out) throws Exception {
        List<SourceRecording> recs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String participant = Sid.generate(Sid.PARTICIPANT);
            recs.add(new SourceRecording(
                    Sid.generate(Sid.RECORDING),
                    Sid.generate(Sid.TRACK),
                    participant,
                    "cam" + i,
                    TrackKind.VIDEO,
                    "VP8",
                    inputs.get(i)[0],
                    T0,
                    seconds * 1000L));
            recs.add(new SourceRecording(
                    Sid.generate(Sid.RECORDING),
                    Sid.generate(Sid.TRACK),
                    participant,
                    "mic" + i,
                    TrackKind.AUDIO,
                    "OPUS",
                    inputs.get(i)[1],
                    T0,
                    seconds * 1000L));
        }
        CompositionRequest req = CompositionRequest.parse(
                "{\"grid\":{\"video_sources\":[\"*\"]}}", List.of("*"), null, size.wireForm(), "mp4", true);
        CompositionPlan plan = CompositionPlanner.plan(req, recs);
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        CompositionResult r = new CompositionEngine(settings).compose(plan, out, (p, s) -> {});
        double wall = (System.nanoTime() - t) / 1e9;
        double used = (os.getProcessCpuTime() - cpu) / 1e9;
        if (!r.warnings().isEmpty()) {
            throw new IllegalStateException("unexpected warnings: " + r.warnings());
        }
        return new double[] {wall, used};
    }

    /**
     * The same grid as a filter graph: each input fitted into its cell, stacked, audio summed.
     * Returns wall and CPU seconds (the shell's {@code times} for its child).
     */
    private static double[] timeCli(String cli, List<Path[]> inputs, Resolution size, EngineSettings settings, Path out)
            throws Exception {
        int n = inputs.size();
        GridSize grid = GridSize.of(n, null, null);
        Rect region = new Rect(0, 0, size.width(), size.height());
        List<String> cmd = new ArrayList<>(List.of(cli, "-nostdin", "-y", "-loglevel", "error"));
        for (Path[] in : inputs) {
            cmd.addAll(List.of("-i", in[0].toString(), "-i", in[1].toString()));
        }
        StringBuilder fg = new StringBuilder();
        StringBuilder layout = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Rect cell = grid.cell(region, i);
            Rect fit = cell.containing(640, 480);
            fg.append(String.format(
                    Locale.ROOT,
                    "[%d:v]scale=%d:%d:flags=bilinear,pad=%d:%d:%d:%d:black[v%d];",
                    2 * i,
                    fit.width(),
                    fit.height(),
                    cell.width(),
                    cell.height(),
                    fit.x() - cell.x(),
                    fit.y() - cell.y(),
                    i));
            layout.append(i == 0 ? "" : "|").append(cell.x()).append('_').append(cell.y());
        }
        for (int i = 0; i < n; i++) {
            fg.append("[v").append(i).append(']');
        }
        if (n > 1) {
            fg.append(String.format(Locale.ROOT, "xstack=inputs=%d:layout=%s:fill=black,", n, layout));
        } else {
            fg.append("null,");
        }
        fg.append(String.format(
                Locale.ROOT,
                "pad=%d:%d:0:0:black,fps=%d,format=yuv420p[vout];",
                size.width(),
                size.height(),
                settings.frameRate()));
        for (int i = 0; i < n; i++) {
            fg.append('[').append(2 * i + 1).append(":a]");
        }
        fg.append(n > 1 ? "amix=inputs=" + n + ":normalize=0:duration=longest," : "anull,")
                .append("aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[aout]");
        long bitrate = settings.videoBitrate(size.width(), size.height());
        cmd.addAll(List.of(
                "-filter_complex",
                fg.toString(),
                "-map",
                "[vout]",
                "-map",
                "[aout]",
                "-c:v",
                "libopenh264",
                "-b:v",
                Long.toString(bitrate),
                "-g",
                Integer.toString(settings.frameRate() * settings.keyframeSeconds()),
                "-bf",
                "0",
                "-rc_mode",
                "bitrate",
                "-allow_skip_frames",
                "0",
                "-c:a",
                "aac",
                "-b:a",
                Integer.toString(settings.audioBitrate()),
                "-ar",
                "48000",
                "-movflags",
                "+faststart",
                out.toString()));
        StringBuilder shell = new StringBuilder();
        for (String c : cmd) {
            shell.append('\'').append(c.replace("'", "'\\''")).append("' ");
        }
        shell.append("&& times");
        long t = System.nanoTime();
        Process p = new ProcessBuilder("/bin/sh", "-c", shell.toString())
                .redirectErrorStream(true)
                .start();
        String out2 = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + out2);
        }
        double wall = (System.nanoTime() - t) / 1e9;
        // times prints the shell's own user/system times, then its children's: "0m9.098s 0m0.621s".
        String[] lines = out2.trim().split("\n");
        String[] child = lines[lines.length - 1].trim().split("\\s+");
        return new double[] {wall, seconds(child[0]) + seconds(child[1])};
    }

    private static double seconds(String t) {
        String[] ms = t.replace("s", "").split("m");
        return Integer.parseInt(ms[0]) * 60 + Double.parseDouble(ms[1]);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", cmd));
        }
    }
}
