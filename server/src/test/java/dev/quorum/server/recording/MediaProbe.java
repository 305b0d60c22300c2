package dev.quorum.server.recording;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What FFmpeg's own tools read from a recording file: Debian's {@code ffprobe} and {@code ffmpeg}
 * (5.1), an implementation independent of the recorder. A missing tool fails the test.
 *
 * @param container  ffprobe's {@code format_name} ({@code matroska,webm} for Matroska)
 * @param codec      the single stream's {@code codec_name} ({@code opus}, {@code vp8}, {@code h264})
 * @param kind       {@code audio} or {@code video}
 * @param streams    how many streams the file has
 * @param duration   the container's duration in seconds (written when the file is finalized)
 * @param width      video width (0 for audio)
 */
record MediaProbe(String container, String codec, String kind, int streams, double duration, int width) {

    static MediaProbe of(Path file) {
        JsonObject j = new JsonObject(run(List.of(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "stream=codec_name,codec_type,width:format=format_name,duration",
                "-of",
                "json",
                file.toString())));
        JsonArray streams = j.getJsonArray("streams");
        JsonObject s = streams.getJsonObject(0);
        JsonObject f = j.getJsonObject("format");
        return new MediaProbe(
                f.getString("format_name"),
                s.getString("codec_name"),
                s.getString("codec_type"),
                streams.size(),
                Double.parseDouble(f.getString("duration", "NaN")),
                s.getInteger("width", 0));
    }

    /** The presentation times (s) of the file's packets in file order, as the demuxer reads them. */
    static List<Double> packetTimes(Path file) {
        List<Double> out = new ArrayList<>();
        for (String line : run(List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-select_streams",
                        "0",
                        "-show_entries",
                        "packet=pts_time",
                        "-of",
                        "csv=p=0",
                        file.toString()))
                .split("\n")) {
            if (!line.isBlank()) {
                out.add(Double.parseDouble(line.strip().replace(",", "")));
            }
        }
        return out;
    }

    /**
     * Decodes the whole file; what {@code ffmpeg -v error} printed (empty when it is sound). A file
     * that printed anything is kept under {@code target/failed-recordings} for a look.
     *
     * <p>{@code -enc_time_base -1} keeps the file's own millisecond timestamps on the decoded frames.
     * Without it ffmpeg re-times video frames to the frame rate it guesses (20 fps for a loaded
     * Chromium sending 20 to 30 frames a second), and two real frames 27 ms apart then share a tick:
     * the null muxer reports "non monotonically increasing dts" although every frame decoded.
     */
    static String decodeErrors(Path file) {
        String errors = run(List.of(
                        "ffmpeg",
                        "-nostdin",
                        "-v",
                        "error",
                        "-i",
                        file.toString(),
                        "-enc_time_base",
                        "-1",
                        "-f",
                        "null",
                        "-"))
                .strip();
        if (!errors.isEmpty()) {
            try {
                Path kept = Files.createDirectories(Path.of("target", "failed-recordings"));
                Files.copy(file, kept.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                errors += " (and the file could not be kept: " + e + ")";
            }
        }
        return errors;
    }

    /** A global tag of the file ({@code null} when absent); ffprobe may report its name in any case. */
    static String tag(Path file, String name) {
        JsonObject tags = new JsonObject(run(List.of(
                        "ffprobe", "-v", "error", "-show_entries", "format_tags", "-of", "json", file.toString())))
                .getJsonObject("format", new JsonObject())
                .getJsonObject("tags", new JsonObject());
        for (String k : tags.fieldNames()) {
            if (k.equalsIgnoreCase(name)) {
                return tags.getString(k);
            }
        }
        return null;
    }

    /** A silence in a file: no packet from {@code from} to {@code to} (s from the file's start). */
    record Gap(double from, double to) {
        double length() {
            return to - from;
        }
    }

    /** Every stretch longer than {@code longerThan} seconds without a packet, in file order. */
    static List<Gap> gaps(List<Double> times, double longerThan) {
        List<Gap> out = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i) - times.get(i - 1) > longerThan) {
                out.add(new Gap(times.get(i - 1), times.get(i)));
            }
        }
        return out;
    }

    /** The packet flags ffprobe prints ({@code K__} for a keyframe), in file order. */
    static List<String> packetFlags(Path file) {
        List<String> out = new ArrayList<>();
        for (String line : run(List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-select_streams",
                        "0",
                        "-show_entries",
                        "packet=flags",
                        "-of",
                        "csv=p=0",
                        file.toString()))
                .split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish: " + command);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(
                    command.get(0) + " could not run (" + e.getMessage() + "): the recording tests"
                            + " need Debian's ffmpeg package (apt-get install ffmpeg, or run bin/test)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The file a recording was written to, found under the server's data directory. */
    static Path fileOf(Path dataDir, String recordingSid) {
        try (var files = Files.walk(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(recordingSid + "."))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no file for " + recordingSid + " under " + dataDir));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
