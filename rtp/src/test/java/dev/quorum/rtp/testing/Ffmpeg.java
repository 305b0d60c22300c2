package dev.quorum.rtp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code ffmpeg} and {@code ffprobe} for cross-checks. A missing tool fails the
 * test with a message saying how to install it; nothing is skipped.
 */
public final class Ffmpeg {

    public static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    public static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    private static final long TIMEOUT_SECONDS = 120;

    /** One packet as ffprobe demuxes it. */
    public record ProbedPacket(long pts, int size, boolean keyframe, String md5) {}

    /** Stream properties as ffprobe reports them. */
    public record ProbedStream(int width, int height, String timeBase, byte[] extradata) {}

    private Ffmpeg() {}

    public static void requireTools() {
        assertThat(Files.isExecutable(FFMPEG))
                .as("ffmpeg is required at %s (apt-get install ffmpeg)", FFMPEG)
                .isTrue();
        assertThat(Files.isExecutable(FFPROBE))
                .as("ffprobe is required at %s (apt-get install ffmpeg)", FFPROBE)
                .isTrue();
    }

    /** Starts ffmpeg with {@code args}, stderr going to {@code log}. */
    public static Process start(Path log, String... args) {
        requireTools();
        List<String> command = new ArrayList<>();
        command.add(FFMPEG.toString());
        command.add("-nostdin");
        command.add("-hide_banner");
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
    }

    /** Runs ffmpeg to completion and fails the test on a non-zero exit. */
    public static void run(Path workDir, String... args) {
        Path log = workDir.resolve("ffmpeg-" + System.nanoTime() + ".log");
        Process process = start(log, args);
        awaitSuccess(process, log, String.join(" ", args));
    }

    public static void awaitSuccess(Process process, Path log, String what) {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("ffmpeg timed out: " + what);
            }
            if (process.exitValue() != 0) {
                fail("ffmpeg failed (" + process.exitValue() + "): " + what + "\n" + Files.readString(log));
            }
        } catch (InterruptedException | IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String probe(String... args) {
        requireTools();
        List<String> command = new ArrayList<>();
        command.add(FFPROBE.toString());
        command.add("-v");
        command.add("error");
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("ffprobe failed: " + command + "\n" + output);
            }
            return output;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The packets of the first stream of {@code file}, with their MD5s. */
    public static List<ProbedPacket> packets(Path file) {
        String output = probe(
                "-select_streams",
                "0",
                "-show_entries",
                "packet=pts,size,flags,data_hash",
                "-show_data_hash",
                "MD5",
                "-of",
                "compact=p=0",
                file.toString());
        List<ProbedPacket> packets = new ArrayList<>();
        // Side data (Opus skip samples) continues a packet's line on a line starting with '|'.
        for (String line : output.replace("\n|", "|").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> fields = fields(line);
            packets.add(new ProbedPacket(
                    Long.parseLong(fields.get("pts")),
                    Integer.parseInt(fields.get("size")),
                    fields.get("flags").startsWith("K"),
                    fields.get("data_hash").substring("MD5:".length())));
        }
        return packets;
    }

    /** Size, time base and extradata of the first stream of {@code file}. */
    public static ProbedStream stream(Path file) {
        String output = probe(
                        "-select_streams",
                        "0",
                        "-show_entries",
                        "stream=width,height,time_base,extradata",
                        "-show_data",
                        "-of",
                        "compact=p=0",
                        file.toString())
                .strip();
        Map<String, String> fields = fields(output);
        return new ProbedStream(
                parseIntOrZero(fields.get("width")),
                parseIntOrZero(fields.get("height")),
                fields.get("time_base"),
                hexDump(fields.getOrDefault("extradata", "")));
    }

    /** The bytes of every packet of the first stream of {@code file}, as demuxed. */
    public static List<byte[]> packetBytes(Path file) {
        String output = probe(
                "-select_streams",
                "0",
                "-show_entries",
                "packet=data",
                "-show_data",
                "-of",
                "compact=p=0",
                file.toString());
        List<byte[]> packets = new ArrayList<>();
        for (String line : output.replace("\n|", "|").split("\n")) {
            if (!line.isBlank()) {
                packets.add(hexDump(fields(line).getOrDefault("data", "")));
            }
        }
        return packets;
    }

    /** Decodes ffprobe's hex dump, whose lines compact output escapes as a literal backslash-n. */
    private static byte[] hexDump(String dump) {
        StringBuilder hex = new StringBuilder();
        for (String dumpLine : dump.split("\\\\n")) {
            int colon = dumpLine.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String rest = dumpLine.substring(colon + 2);
            int ascii = rest.indexOf("  ");
            hex.append((ascii < 0 ? rest : rest.substring(0, ascii)).replace(" ", ""));
        }
        return Hex.bytes(hex.toString());
    }

    private static int parseIntOrZero(String value) {
        return value == null || value.equals("N/A") ? 0 : Integer.parseInt(value);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        // A '|' in a hex dump's ASCII column is escaped as "\|"; only bare ones separate fields.
        for (String field : line.split("(?<!\\\\)\\|")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return fields;
    }
}
