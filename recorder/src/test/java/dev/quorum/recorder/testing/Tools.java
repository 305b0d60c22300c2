package dev.quorum.recorder.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ffmpeg}/{@code ffprobe}; a missing tool fails the test with a clear message. */
public final class Tools {

    private Tools() {}

    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess(List<String> command) {
            if (exitCode != 0) {
                throw new AssertionError(
                        "Command failed (" + exitCode + "): " + String.join(" ", command) + "\n" + stderr);
            }
            return this;
        }
    }

    public static String ffmpeg() {
        return tool("ffmpeg");
    }

    public static String ffprobe() {
        return tool("ffprobe");
    }

    private static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(
                name + " is required by this test but was not found on PATH" + " (install Debian's ffmpeg package)");
    }

    public static Result run(List<String> command, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("Timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
                }
                return new Result(
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Runs ffmpeg with {@code -hide_banner -y} and the given arguments; fails on a non-zero exit. */
    public static Result ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg(), "-hide_banner", "-nostdin", "-y"));
        cmd.addAll(List.of(args));
        return run(cmd, 180).requireSuccess(cmd);
    }
}
