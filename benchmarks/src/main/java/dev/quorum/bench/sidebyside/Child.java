package dev.quorum.bench.sidebyside;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starting, awaiting and stopping a server's process, with its output in a log file. */
final class Child {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Child() {}

    static Process start(List<String> command, java.util.Map<String, String> env, Path log) {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(env);
        try {
            return b.start();
        } catch (IOException e) {
            throw new BenchmarkFailure("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Waits until {@code url} answers 200, failing with the log's tail if the process exits first. */
    static void awaitHttp(String name, Process p, String url, Path log, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new BenchmarkFailure(
                        name + " exited with " + p.exitValue() + " at start; its log " + log + " ends:\n" + tail(log));
            }
            try {
                HttpResponse<Void> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure("interrupted");
            }
            pause(Duration.ofMillis(200));
        }
        throw new BenchmarkFailure(name + " did not answer " + url + " within " + timeout.toSeconds() + " s; its log "
                + log + " ends:\n" + tail(log));
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new BenchmarkFailure("no free port: " + e.getMessage(), e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted");
        }
    }

    static String resource(String name) {
        try (var in = Child.class.getResourceAsStream("/sidebyside/" + name)) {
            if (in == null) {
                throw new BenchmarkFailure("resource sidebyside/" + name + " missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchmarkFailure("cannot read resource " + name, e);
        }
    }
}
