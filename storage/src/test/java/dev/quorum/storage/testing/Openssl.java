package dev.quorum.storage.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command line (and small shell recipes around it) for encryption tests. */
public final class Openssl {

    private Openssl() {}

    /** An RSA key pair made as docs/recordings.md tells customers: {@code private_key.pem}, {@code public_key.pem}. */
    public static void generateKeyPair(Path dir, int bits) throws IOException, InterruptedException {
        sh(
                dir,
                Map.of(),
                "openssl genrsa -out private_key.pem " + bits + " 2>/dev/null"
                        + " && openssl rsa -in private_key.pem -pubout -out public_key.pem 2>/dev/null");
    }

    /** Runs a bash script in {@code dir}; returns its output, failing on a non-zero exit. */
    public static String sh(Path dir, Map<String, String> env, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-euo", "pipefail", "-c", script))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("Timed out: " + script);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("Exit " + p.exitValue() + " from: " + script + "\n" + text);
        }
        return text;
    }

    /**
     * The shell block of a markdown file that follows the line holding {@code marker}: the docs'
     * own recipe, so the tests run exactly what users are told to run.
     */
    public static String recipe(Path markdown, String marker) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        int i = 0;
        while (i < lines.size() && !lines.get(i).contains(marker)) {
            i++;
        }
        while (i < lines.size() && !lines.get(i).startsWith("```")) {
            i++;
        }
        StringBuilder s = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            s.append(lines.get(i)).append('\n');
        }
        if (s.length() == 0) {
            throw new IOException("No shell block after '" + marker + "' in " + markdown);
        }
        return s.toString();
    }

    /** The repository's docs directory, from a module's working directory. */
    public static Path docs() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("docs"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("No docs/ above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("docs");
    }
}
