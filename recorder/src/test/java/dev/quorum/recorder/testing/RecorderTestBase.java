package dev.quorum.recorder.testing;

import dev.quorum.recorder.RecorderConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link RecorderHarness} (one recorder worker) in each test's own temporary directory. */
public abstract class RecorderTestBase {

    @TempDir
    protected Path dir;

    protected RecorderHarness harness;

    @BeforeEach
    void startRecorder() {
        harness = new RecorderHarness(dir, RecorderConfig.defaults().withWorkerThreads(1));
    }

    @AfterEach
    void stopRecorder() {
        harness.close();
    }
}
