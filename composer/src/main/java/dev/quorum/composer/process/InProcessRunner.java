package dev.quorum.composer.process;

import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.engine.CompositionEngine;
import dev.quorum.composer.engine.CompositionFailedException;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.ProgressListener;

/** Runs compositions on the calling thread's JVM: fastest to start, no isolation from native faults. */
public final class InProcessRunner implements CompositionRunner {

    private final CompositionEngine engine;

    public InProcessRunner(CompositionEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompositionResult run(CompositionJob job, ProgressListener listener)
            throws CompositionFailedException, InterruptedException {
        if (job.live() != null) {
            return engine.composeLive(
                    job.request(), job.streamClasses(), job.live(), job.output(), listener, System::currentTimeMillis);
        }
        CompositionPlan plan;
        try {
            plan = CompositionPlanner.plan(job.request(), job.recordings(), job.streamClasses());
        } catch (InvalidCompositionException e) {
            throw new CompositionFailedException(e.getMessage(), e);
        }
        return engine.compose(plan, job.output(), listener);
    }
}
