package dev.quorum.composer.process;

import dev.quorum.composer.engine.CompositionFailedException;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.ProgressListener;

/**
 * Runs one composition to its end. {@link ChildProcessRunner} (the default) runs it in a separate
 * JVM so that a crash in native code cannot take the server down; {@link InProcessRunner} runs it
 * here.
 */
public interface CompositionRunner {

    /**
     * Plans and composes {@code job}; blocks until the file is written.
     *
     * @param listener told of progress, on a runner thread
     * @throws CompositionFailedException with a reason for the user (including a request that no
     *                                    longer fits the room's recordings)
     * @throws InterruptedException       when the calling thread is interrupted; the work is stopped
     */
    CompositionResult run(CompositionJob job, ProgressListener listener)
            throws CompositionFailedException, InterruptedException;
}
