package dev.quorum.composer.engine;

import dev.quorum.composer.CompositionPlan;

/**
 * What the tracks compose from. After the fact this never changes: the whole plan, all of it
 * ready. A live composition's plan grows with the room, and only room time up to its watermark
 * may be composed until the room has ended.
 */
interface Stages {

    /**
     * One moment's view.
     *
     * @param plan            the plan as the room is now; null while nothing is recorded yet
     * @param ended           nothing will change any more: compose the plan to its end
     * @param watermarkMicros while not ended, room time (µs since the epoch) up to which every
     *                        track has been written or will be taken as silent and frozen
     */
    record Stage(CompositionPlan plan, boolean ended, long watermarkMicros) {

        /** Whether room time {@code roomMicros} may be composed now. */
        boolean ready(long roomMicros) {
            return ended || roomMicros <= watermarkMicros;
        }
    }

    Stage current();

    /** Waits a little for the stage to move (only called while it has not ended). */
    void await() throws InterruptedException;

    /** Room time, ms since the epoch, that audio sample positions count from; fixed for the run. */
    long audioOriginMs();

    /** An after-the-fact composition: one stage, ended. */
    static Stages fixed(CompositionPlan plan) {
        Stage only = new Stage(plan, true, Long.MAX_VALUE);
        return new Stages() {
            @Override
            public Stage current() {
                return only;
            }

            @Override
            public void await() {
                // Never called: the stage has ended.
            }

            @Override
            public long audioOriginMs() {
                return plan.timeline().originMs();
            }
        };
    }
}
