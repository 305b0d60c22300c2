package dev.quorum.composer.process;

import dev.quorum.composer.engine.CompositionFailedException;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.EngineSettings;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.composer.engine.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each composition in a child JVM on the same class path ({@link ComposerMain}), so that a
 * fault in FFmpeg's native code ends that process, not the server. The parent writes the job to
 * a file next to the output, reads progress lines from the child's standard output, and keeps the
 * child's standard error to explain an abnormal end. Interrupting the calling thread kills the
 * child.
 */
public final class ChildProcessRunner implements CompositionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessRunner.class);
    private static final Object EOF = new Object();

    /**
     * How to start the child.
     *
     * @param javaCommand  the {@code java} executable
     * @param classPath    the class path holding the composer and its dependencies
     * @param jvmArguments options for the child JVM (heap size…)
     * @param mainClass    the class whose {@code main} runs the job
     */
    public record Launch(String javaCommand, String classPath, List<String> jvmArguments, String mainClass) {

        public Launch {
            Objects.requireNonNull(javaCommand, "javaCommand");
            Objects.requireNonNull(classPath, "classPath");
            jvmArguments = List.copyOf(jvmArguments);
            Objects.requireNonNull(mainClass, "mainClass");
        }

        /** This JVM's {@code java} and class path, a 512 MB heap, {@link ComposerMain}. */
        public static Launch sameJvm() {
            List<String> args = new ArrayList<>(List.of(
                    "-Xmx512m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Djava.awt.headless=true",
                    "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "quorum-composer-crash-%p.log")));
            String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
            if (cache != null) {
                args.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
            }
            return new Launch(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    System.getProperty("java.class.path"),
                    args,
                    ComposerMain.class.getName());
        }

        public Launch withMainClass(String main) {
            return new Launch(javaCommand, classPath, jvmArguments, main);
        }
    }

    private final EngineSettings settings;
    private final Launch launch;

    public ChildProcessRunner(EngineSettings settings, Launch launch) {
        this.settings = settings;
        this.launch = launch;
    }

    public ChildProcessRunner(EngineSettings settings) {
        this(settings, Launch.sameJvm());
    }

    @Override
    public CompositionResult run(CompositionJob job, ProgressListener listener)
            throws CompositionFailedException, InterruptedException {
        Path jobFile = job.output().resolveSibling(job.output().getFileName() + ".job.json");
        Path errFile = job.output().resolveSibling(job.output().getFileName() + ".stderr");
        Process process = null;
        try {
            Files.writeString(jobFile, JobCodec.encodeJob(job, settings));
            List<String> cmd = new ArrayList<>();
            if (NICE != null) {
                // Composing yields the CPU to forwarding and recording.
                cmd.addAll(List.of(NICE, "-n", "10"));
            }
            cmd.add(launch.javaCommand());
            cmd.addAll(launch.jvmArguments());
            cmd.add("-cp");
            cmd.add(launch.classPath());
            cmd.add(launch.mainClass());
            cmd.add(jobFile.toString());
            process = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
            if (job.live() != null) {
                feed(process, job.live());
            } else {
                process.getOutputStream().close();
            }
            return follow(process, listener, errFile);
        } catch (IOException e) {
            throw new CompositionFailedException("The composer process could not be started: " + e.getMessage(), e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            deleteQuietly(jobFile);
            deleteQuietly(errFile);
            // A child that died mid-write leaves its partial output behind.
            deleteQuietly(job.output().resolveSibling(job.output().getFileName() + ".part"));
        }
    }

    private static final String NICE = Files.isExecutable(Path.of("/usr/bin/nice")) ? "/usr/bin/nice" : null;

    /** Writes the live room to the child's standard input each time it changes, until it has ended. */
    private static void feed(Process process, LiveRoom room) {
        Thread t = new Thread(
                () -> {
                    long sent = Long.MIN_VALUE;
                    try (var out = new java.io.PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8)) {
                        while (process.isAlive()) {
                            LiveRoom.Snapshot s = room.snapshot();
                            if (s.version() != sent) {
                                out.println(JobCodec.encodeSnapshot(s));
                                sent = s.version();
                                if (s.ended()) {
                                    return;
                                }
                            }
                            Thread.sleep(FEED_MS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "composer-child-room");
        t.setDaemon(true);
        t.start();
    }

    private static final long FEED_MS = 100;

    private CompositionResult follow(Process process, ProgressListener listener, Path errFile)
            throws CompositionFailedException, InterruptedException {
        LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // The child died; its exit code tells the story.
                    } finally {
                        lines.add(EOF);
                    }
                },
                "composer-child-output");
        pump.setDaemon(true);
        pump.start();
        String done = null;
        String failed = null;
        java.util.ArrayDeque<String> other = new java.util.ArrayDeque<>();
        while (true) {
            Object item = lines.take();
            if (item == EOF) {
                break;
            }
            String line = (String) item;
            if (line.startsWith(ComposerMain.PROGRESS)) {
                String[] parts =
                        line.substring(ComposerMain.PROGRESS.length()).trim().split(" ");
                try {
                    listener.onProgress(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                } catch (RuntimeException e) {
                    LOG.debug("Ignoring malformed progress line '{}'", line);
                }
            } else if (line.startsWith(ComposerMain.LIVE)) {
                try {
                    listener.onLive(Long.parseLong(
                            line.substring(ComposerMain.LIVE.length()).trim()));
                } catch (RuntimeException e) {
                    LOG.debug("Ignoring malformed live line '{}'", line);
                }
            } else if (line.startsWith(ComposerMain.DONE)) {
                done = line.substring(ComposerMain.DONE.length());
            } else if (line.startsWith(ComposerMain.FAILED)) {
                failed = line.substring(ComposerMain.FAILED.length());
            } else if (!line.isBlank() && !line.equals("#")) {
                // A JVM that crashes prints its summary ("# SIGSEGV …") here.
                if (other.size() < 60) {
                    other.addLast(line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit == 0 && done != null) {
            try {
                return JobCodec.decodeResult(done);
            } catch (IOException e) {
                throw new CompositionFailedException("The composer process answered unreadably: " + done, e);
            }
        }
        if (failed != null) {
            throw new CompositionFailedException(failed);
        }
        String why = exit > 128 ? "exit code " + exit + " (signal " + (exit - 128) + ")" : "exit code " + exit;
        String tail = (crashSummary(other) + "\n" + tail(errFile, 6)).trim();
        LOG.warn("Composer process ended abnormally with {}; its last output:\n{}", why, tail);
        throw new CompositionFailedException("The composer process ended unexpectedly with " + why
                + (tail.isBlank() ? "" : ": " + tail.replace('\n', ' ').trim()));
    }

    /**
     * From a crashed JVM's report, the lines that say what happened: the signal, the frame it hit,
     * and where the full report went.
     */
    private static String crashSummary(java.util.Collection<String> lines) {
        List<String> keep = new ArrayList<>();
        boolean nextIsFrame = false;
        for (String l : lines) {
            String t = l.replaceFirst("^#\\s*", "").trim();
            if (nextIsFrame && !t.isEmpty()) {
                keep.add(t);
                nextIsFrame = false;
            } else if (t.matches(".*\\bSIG[A-Z]+\\b.*") || t.startsWith("/") && t.contains("crash")) {
                keep.add(t);
            } else if (t.startsWith("Problematic frame")) {
                nextIsFrame = true;
            }
        }
        return String.join("; ", keep);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            List<String> meaningful = all.stream().filter(l -> !l.isBlank()).toList();
            return String.join("\n", meaningful.subList(Math.max(0, meaningful.size() - lines), meaningful.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Temporary files in the output directory; harmless if they linger.
        }
    }
}
