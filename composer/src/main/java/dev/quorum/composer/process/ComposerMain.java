package dev.quorum.composer.process;

import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.engine.CompositionEngine;
import dev.quorum.composer.engine.CompositionFailedException;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.ProgressListener;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of a child composer process: reads a job file, composes, and reports on standard
 * output one line per event — {@code progress <percent> <secondsRemaining>}, then either
 * {@code done <result json>} (exit 0) or {@code failed <reason>} (exit 2). Anything else the
 * process prints goes to standard error. A live job reads its room from standard input
 * ({@link StdinRoom}) and reports {@code live <ms behind the room>} while the room runs.
 */
public final class ComposerMain {

    static final String PROGRESS = "progress ";
    static final String DONE = "done ";
    static final String FAILED = "failed ";
    static final String LIVE = "live ";

    private ComposerMain() {}

    public static void main(String[] args) {
        PrintStream report =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // Keep the report channel clean: stray prints go to standard error.
        System.setOut(System.err);
        if (args.length != 1) {
            report.println(FAILED + "usage: ComposerMain <job.json>");
            System.exit(2);
        }
        int exit = run(Path.of(args[0]), report);
        report.flush();
        System.exit(exit);
    }

    static int run(Path jobFile, PrintStream report) {
        JobCodec.Decoded decoded;
        try {
            String json = Files.readString(jobFile);
            decoded = JobCodec.decodeJob(json);
            if (JobCodec.isLive(json)) {
                CompositionJob j = decoded.job();
                StdinRoom room = StdinRoom.follow(System.in, () -> {
                    synchronized (report) {
                        report.println(FAILED + "cancelled: the server went away");
                    }
                    Runtime.getRuntime().halt(3);
                });
                decoded = new JobCodec.Decoded(
                        new CompositionJob(j.request(), List.of(), j.output(), j.streamClasses(), room),
                        decoded.settings());
            }
        } catch (InvalidCompositionException e) {
            report.println(FAILED + oneLine(e.getMessage()));
            return 2;
        } catch (Exception e) {
            report.println(FAILED + oneLine("The composition job could not be read: " + e));
            return 2;
        }
        InProcessRunner runner = new InProcessRunner(new CompositionEngine(decoded.settings()));
        try {
            CompositionResult result = runner.run(decoded.job(), new ProgressListener() {
                @Override
                public void onProgress(int percent, long seconds) {
                    synchronized (report) {
                        report.println(PROGRESS + percent + " " + seconds);
                    }
                }

                @Override
                public void onLive(long behindMillis) {
                    synchronized (report) {
                        report.println(LIVE + behindMillis);
                    }
                }
            });
            report.println(DONE + JobCodec.encodeResult(result));
            return 0;
        } catch (CompositionFailedException e) {
            report.println(FAILED + oneLine(e.getMessage()));
            return 2;
        } catch (InterruptedException e) {
            report.println(FAILED + "cancelled");
            return 2;
        } catch (RuntimeException | Error e) {
            report.println(FAILED + oneLine("The composer failed: " + e));
            return 2;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
