package dev.quorum.composer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system's {@code ffmpeg}/{@code ffprobe} (Debian's, independent of the FFmpeg build the
 * composer links), failing the test with a clear message when a tool is missing or fails.
 */
public final class Tools {

    private Tools() {}

    public static String ffmpeg() {
        return require("ffmpeg");
    }

    public static String ffprobe() {
        return require("ffprobe");
    }

    public static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("This test needs the '" + tool + "' program on the PATH (Debian: apt-get install "
                + (tool.startsWith("ff") ? "ffmpeg" : tool) + ")");
    }

    /** Runs a command, returns its standard output; fails the test on a non-zero exit. */
    public static byte[] run(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            Path err = Files.createTempFile("tool", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                out = b.toByteArray();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new AssertionError(
                        "failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + tail(stderr));
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static List<String> cmd(String... parts) {
        return new ArrayList<>(List.of(parts));
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
