package dev.quorum.server.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a JVM of its own, started as an operator starts it ({@code dev.quorum.server.Main
 * --config <file>}, here on the test classpath since the shaded jar is only built at
 * {@code package}), so that it can be killed with SIGKILL. Its address and development credentials
 * are read from the start-up banner; its output goes to a log file kept under {@code target}.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Demo page:\\s+http://localhost:(\\d+)/");
    private static final Pattern ACCOUNT = Pattern.compile("Dev account: (AC\\w+)\\s+auth token (\\S+)");
    private static final Pattern KEY = Pattern.compile("Dev API key: (SK\\w+)\\s+secret (\\S+)");

    final Process process;
    final int port;
    final String accountSid;
    final String authToken;
    final String keySid;
    final String keySecret;

    private ServerProcess(Process process, int port, String[] account, String[] key) {
        this.process = process;
        this.port = port;
        this.accountSid = account[0];
        this.authToken = account[1];
        this.keySid = key[0];
        this.keySecret = key[1];
    }

    /** Starts a server on {@code dataDir} (ephemeral ports, dev mode) and waits for its banner. */
    static ServerProcess start(Path dataDir, Path log) throws IOException, InterruptedException {
        return start(dataDir, log, java.util.Map.of());
    }

    /** As {@link #start(Path, Path)}, with more configuration keys. */
    static ServerProcess start(Path dataDir, Path log, java.util.Map<String, String> extra)
            throws IOException, InterruptedException {
        Path config = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
        StringBuilder more = new StringBuilder();
        extra.forEach((k, v) -> more.append(k).append('=').append(v).append('\n'));
        Files.writeString(
                config,
                String.join(
                                "\n",
                                "http.port=0",
                                "http.host=127.0.0.1",
                                "media.port=0",
                                "media.announced-addresses=127.0.0.1",
                                "data.dir=" + dataDir,
                                "dev-mode=true",
                                "")
                        + more);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder b = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.quorum.server.Main",
                        "--config",
                        config.toString())
                .redirectErrorStream(true);
        b.environment().keySet().removeIf(k -> k.startsWith("QUORUM_"));
        Process p = b.start();
        Files.createDirectories(log.getParent());
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        CompletableFuture<List<String>> banner = new CompletableFuture<>();
        Thread pump = new Thread(
                () -> {
                    List<String> seen = new ArrayList<>();
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            out.println(line);
                            if (!banner.isDone()) {
                                seen.add(line);
                                if (KEY.matcher(line).find()) {
                                    banner.complete(seen);
                                }
                            }
                        }
                    } catch (IOException e) {
                        // the process died: its output ends here
                    } finally {
                        out.close();
                        banner.completeExceptionally(new IllegalStateException("the server exited before it was up"));
                    }
                },
                "server-output");
        pump.setDaemon(true);
        pump.start();
        List<String> lines;
        try {
            lines = banner.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new AssertionError("the server did not start (" + e + "); its output is in " + log, e);
        }
        String all = String.join("\n", lines);
        return new ServerProcess(p, Integer.parseInt(find(PORT, all)[0]), find(ACCOUNT, all), find(KEY, all));
    }

    private static String[] find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("the banner has no " + pattern + ":\n" + text);
        }
        String[] groups = new String[m.groupCount()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = m.group(i + 1);
        }
        return groups;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: nothing in the process runs afterwards (no shutdown hook, no finally). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the server survived SIGKILL");
        }
    }

    /** A normal stop (SIGTERM runs the shutdown hook). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
