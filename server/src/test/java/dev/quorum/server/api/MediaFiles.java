package dev.quorum.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Downloads over signed media links the way a browser or {@code curl} does (no credentials), and
 * reads the files with the real {@code ffprobe}/{@code ffmpeg} (Debian's). A missing tool fails the
 * test with the package to install rather than skipping it.
 */
public final class MediaFiles {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private MediaFiles() {}

    /** A GET of {@code link}, optionally with a {@code Range} header. */
    public static HttpResponse<byte[]> download(String link, String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(link))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (range != null) {
            b.header("Range", range);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("Cannot download " + link, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code ffprobe}'s view of the file: {@code format} and {@code streams}. */
    public static JsonObject probe(Path file) {
        return new JsonObject(run(List.of(
                tool("ffprobe"),
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_format",
                "-show_streams",
                file.toString())));
    }

    /** The first stream of {@code codecType} ({@code audio} or {@code video}) in a probe, or null. */
    public static JsonObject stream(JsonObject probe, String codecType) {
        JsonArray streams = probe.getJsonArray("streams", new JsonArray());
        for (int i = 0; i < streams.size(); i++) {
            if (codecType.equals(streams.getJsonObject(i).getString("codec_type"))) {
                return streams.getJsonObject(i);
            }
        }
        return null;
    }

    /** The container's duration in seconds. */
    public static double duration(JsonObject probe) {
        return Double.parseDouble(probe.getJsonObject("format").getString("duration"));
    }

    /** Decodes every stream to nowhere; returns what {@code ffmpeg} said about errors (empty when clean). */
    public static String decodeErrors(Path file) {
        return run(List.of(tool("ffmpeg"), "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"));
    }

    /**
     * Like {@link #decodeErrors}, with the decoded frames keeping the file's own timestamps
     * ({@code -enc_time_base -1}): for recorded WebRTC video, whose frame rate varies, ffmpeg would
     * otherwise re-time frames to a guessed rate and report two real frames that share a tick as
     * "non monotonically increasing dts" (see the recording tests' {@code MediaProbe}).
     */
    public static String decodeErrorsAtFileTimestamps(Path file) {
        return run(List.of(
                tool("ffmpeg"),
                "-nostdin",
                "-v",
                "error",
                "-i",
                file.toString(),
                "-enc_time_base",
                "-1",
                "-f",
                "null",
                "-"));
    }

    /** Each stream's packet timestamps (dts, else pts, in the stream's time base), in file order. */
    public static java.util.Map<Integer, List<Long>> packetTimes(Path file) {
        JsonObject packets = new JsonObject(run(List.of(
                tool("ffprobe"),
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_entries",
                "packet=stream_index,pts,dts",
                file.toString())));
        java.util.Map<Integer, List<Long>> out = new java.util.TreeMap<>();
        JsonArray list = packets.getJsonArray("packets", new JsonArray());
        for (int i = 0; i < list.size(); i++) {
            JsonObject p = list.getJsonObject(i);
            Long ts = p.containsKey("dts") ? p.getLong("dts") : p.getLong("pts");
            out.computeIfAbsent(p.getInteger("stream_index"), k -> new java.util.ArrayList<>())
                    .add(ts);
        }
        return out;
    }

    /**
     * PSNR (dB, all planes) of frames of {@code a} against the same frames of {@code b}, one value
     * for every {@code every}-th frame from frame {@code first}; infinite where they are identical.
     * Both files must have the same size and frame rate.
     */
    public static List<Double> psnrOfFrames(Path a, Path b, int first, int every) {
        try {
            Path stats = Files.createTempFile("quorum-psnr", ".log");
            try {
                String pick = "select='gte(n," + first + ")*not(mod(n-" + first + "," + every + "))'";
                run(List.of(
                        tool("ffmpeg"),
                        "-nostdin",
                        "-v",
                        "error",
                        "-i",
                        a.toString(),
                        "-i",
                        b.toString(),
                        "-lavfi",
                        "[0:v]" + pick + "[x];[1:v]" + pick + "[y];[x][y]psnr=stats_file=" + stats,
                        "-f",
                        "null",
                        "-"));
                List<Double> out = new ArrayList<>();
                for (String line : Files.readAllLines(stats)) {
                    for (String field : line.split(" ")) {
                        if (field.startsWith("psnr_avg:")) {
                            String v = field.substring("psnr_avg:".length());
                            out.add(v.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v));
                        }
                    }
                }
                return out;
            } finally {
                Files.deleteIfExists(stats);
            }
        } catch (IOException e) {
            throw new AssertionError("Cannot compare " + a + " with " + b, e);
        }
    }

    private static String tool(String name) {
        Path p = Path.of("/usr/bin", name);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing: the end-to-end tests read media with Debian's ffmpeg"
                    + " package (apt-get install ffmpeg)");
        }
        return p.toString();
    }

    private static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("quorum-probe", ".out");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(command))
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(command + " did not finish within 60 s");
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new AssertionError(command + " exited with " + p.exitValue() + ": " + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
