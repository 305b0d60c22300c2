package dev.quorum.rtp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock that lets test JVMs share the machine, held by real processes as the build's JVMs hold it. */
class MachineLockTest {

    @TempDir
    Path dir;

    final List<Process> holders = new ArrayList<>();

    @AfterEach
    void stopHolders() {
        holders.forEach(Process::destroyForcibly);
    }

    @Test
    void readersShareTheMachine() throws Exception {
        Process first = hold("shared");
        assertThat(held(first, Duration.ofSeconds(20))).isTrue();
        Process second = hold("shared");
        assertThat(held(second, Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void aClassThatRunsAloneWaitsForTheOthersAndKeepsNewOnesOutUntilItEnds() throws Exception {
        Process reader = hold("shared");
        assertThat(held(reader, Duration.ofSeconds(20))).isTrue();

        CompletableFuture<MachineLock.Hold> alone =
                CompletableFuture.supplyAsync(() -> acquire(new MachineLock(dir), true));
        assertThat(stillWaiting(alone))
                .as("alone while a reader holds the machine")
                .isTrue();

        // A reader that arrives while the writer waits queues behind it.
        Process late = hold("shared");
        assertThat(held(late, Duration.ofMillis(700)))
                .as("late reader let in ahead of the writer")
                .isFalse();

        reader.getOutputStream().close();
        try (MachineLock.Hold hold = alone.get(20, TimeUnit.SECONDS)) {
            assertThat(hold.held()).isTrue();
            assertThat(held(late, Duration.ofMillis(700)))
                    .as("reader let in beside the writer")
                    .isFalse();
        }
        assertThat(held(late, Duration.ofSeconds(20)))
                .as("reader let in after the writer")
                .isTrue();
    }

    @Test
    void aHolderThatDiesLetsTheOthersIn() throws Exception {
        Process writer = hold("alone");
        assertThat(held(writer, Duration.ofSeconds(20))).isTrue();
        writer.destroyForcibly().waitFor();
        try (MachineLock.Hold hold = new MachineLock(dir).acquire(false, Duration.ofSeconds(20))) {
            assertThat(hold.held()).isTrue();
        }
    }

    private MachineLock.Hold acquire(MachineLock lock, boolean alone) {
        try {
            return lock.acquire(alone, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static boolean stillWaiting(CompletableFuture<?> f) throws InterruptedException, ExecutionException {
        try {
            f.get(700, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        }
    }

    private Process hold(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        MachineLock.class.getName(),
                        dir.toString(),
                        mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        holders.add(p);
        return p;
    }

    /** Whether the holder printed {@code held} within the time; reads its first line once. */
    private static boolean held(Process p, Duration within) throws Exception {
        CompletableFuture<String> line = lines.computeIfAbsent(p, MachineLockTest::firstLine);
        try {
            return "held".equals(line.get(within.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static final java.util.Map<Process, CompletableFuture<String>> lines =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static CompletableFuture<String> firstLine(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
    }
}
