package dev.quorum.rtp.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets the test JVMs of one machine run side by side except around the classes marked {@link
 * RunsAlone}. {@code bin/test} runs several modules' tests at once; most classes wait on real time
 * (browsers, media, timers, child processes) and leave the cores idle, but a class that measures
 * freezes or sync would measure its neighbours' load instead. Every class holds the {@link
 * MachineLock} in the temporary directory shared, a {@code RunsAlone} class exclusively.
 *
 * <p>Registered for every test class through {@code META-INF/services}, like {@link
 * LeakDetectionExtension}. Surefire runs one class at a time in a JVM; nested classes run inside
 * their outer class's hold.
 */
public final class MachineShare implements BeforeAllCallback, AfterAllCallback {

    private static final MachineLock LOCK = new MachineLock(Path.of(System.getProperty("java.io.tmpdir")));
    /** After this, run anyway: a stuck holder must not stop the rest of the build. */
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    private static int depth;
    private static MachineLock.Hold hold;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (MachineShare.class) {
            if (depth++ > 0) {
                return;
            }
            boolean alone = context.getRequiredTestClass().isAnnotationPresent(RunsAlone.class);
            hold = LOCK.acquire(alone, PATIENCE);
            if (!hold.held()) {
                System.err.println("MachineShare: " + context.getDisplayName() + " runs without the machine lock after "
                        + PATIENCE.toMinutes() + " min of waiting");
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        synchronized (MachineShare.class) {
            if (depth == 0 || --depth > 0) {
                return;
            }
            try {
                if (hold != null) {
                    hold.close();
                }
            } finally {
                hold = null;
            }
        }
    }
}
