package dev.quorum.composer.engine;

import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.StreamClasses;
import java.util.function.LongSupplier;

/**
 * Follows a {@link LiveRoom} for a live composition, on a thread of its own: every
 * {@link #TICK_MS} ms it looks at the room, plans the composition again when the room's
 * recordings changed (a recording started, completed, or had its offset corrected), has the
 * sources that joined the plan opened, and moves the watermark — room time {@code now − delay}
 * up to which the tracks may compose, held at the start of a recording younger than {@link
 * #SETTLE_DELAYS} delays. The plan already composed does not change: new recordings enter the
 * layout from their start, and a layout change or a stream's new layout classes (an
 * archive's, made through its API at the moment of the call) take effect from their moment,
 * which is ahead of the watermark. Once the room has ended and every recording is complete,
 * the last plan is final and the tracks compose its tail at full speed.
 */
final class LiveFollower implements Stages {

    static final long TICK_MS = 200;

    /**
     * A recording is composed only once it is this many delays old (9 s by default): by then its
     * publisher's clock mapping has settled (the recorder fixes it 5 s after the publisher's first
     * sender report) and the offset stored for it is the one a composition made afterwards uses,
     * so its frames land on the same output frames. At a room's opening this also holds the
     * output until the participants who join in its first seconds are in the layout (a grid has
     * its final size). The output then catches up at full speed.
     */
    static final int SETTLE_DELAYS = 3;

    /** Opens the readers of sources that joined the plan, and updates those already reading. */
    interface Sources {
        void follow(CompositionPlan plan, LiveRoom.Snapshot snapshot);
    }

    private final CompositionRequest request;
    private final StreamClasses classes;
    private final LiveRoom room;
    private final Sources sources;
    private final LongSupplier millisClock;
    private volatile Stage stage = new Stage(null, false, Long.MIN_VALUE);
    private volatile long audioOriginMs = Long.MIN_VALUE;
    private long version = Long.MIN_VALUE;

    LiveFollower(
            CompositionRequest request,
            StreamClasses classes,
            LiveRoom room,
            Sources sources,
            LongSupplier millisClock) {
        this.request = request;
        this.classes = classes;
        this.room = room;
        this.sources = sources;
        this.millisClock = millisClock;
    }

    @Override
    public Stage current() {
        return stage;
    }

    @Override
    public void await() throws InterruptedException {
        Thread.sleep(TICK_MS / 4);
    }

    @Override
    public long audioOriginMs() {
        return audioOriginMs;
    }

    /**
     * The follower thread's body: refreshes the stage until the room has ended.
     *
     * @throws CompositionFailedException when the ended room holds nothing this composition selects
     */
    void run(Runnable onTick) throws InterruptedException, CompositionFailedException {
        while (!refresh().ended()) {
            onTick.run();
            Thread.sleep(TICK_MS);
        }
    }

    /** Looks at the room once and publishes the new stage. */
    Stage refresh() throws CompositionFailedException {
        LiveRoom.Snapshot now = room.snapshot();
        CompositionPlan plan = stage.plan();
        if (now.version() != version) {
            version = now.version();
            try {
                plan = CompositionPlanner.plan(
                        now.request() != null ? now.request() : request,
                        now.recordings(),
                        now.classes() != null ? now.classes() : classes);
            } catch (InvalidCompositionException e) {
                if (now.ended()) {
                    throw new CompositionFailedException(e.getMessage(), e);
                }
                plan = null;
            }
            if (plan != null) {
                if (audioOriginMs == Long.MIN_VALUE) {
                    audioOriginMs = plan.timeline().originMs();
                }
                sources.follow(plan, now);
            }
        }
        long nowMs = millisClock.getAsLong();
        long watermark = (nowMs - now.delayMs()) * 1000;
        if (!now.ended()) {
            for (SourceRecording s : now.recordings()) {
                if (nowMs - s.offsetMs() < SETTLE_DELAYS * now.delayMs()
                        && now.writing().contains(s.recordingSid())) {
                    watermark = Math.min(watermark, s.offsetMs() * 1000 - 1);
                }
            }
        }
        Stage next = new Stage(plan, now.ended(), watermark);
        stage = next;
        return next;
    }

    /** Whether the recorder still writes {@code s}'s file, as the room was last seen. */
    boolean writing(SourceRecording s) {
        return room.snapshot().writing().contains(s.recordingSid());
    }
}
