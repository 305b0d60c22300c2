package dev.quorum.composer.job;

import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.storage.composition.Composition;
import java.time.Clock;

/** Publishes a composition's lifecycle on the event bus, stamped with the injected clock. */
final class CompositionEvents {

    /** {@code FailedOperation} of a composition that could not be produced. */
    static final String OP_PROCESSING = "MediaProcessing";
    /** {@code FailedOperation} of a composition produced but not stored. */
    static final String OP_UPLOAD = "MediaUpload";
    /** {@code FailedOperation} of a hook that could not create its composition. */
    static final String OP_HOOK = "CompositionCreation";

    private final EventBus bus;
    private final Clock clock;

    /**
     * Held while a hook's composition is stored and announced ({@code composition-enqueued}), and
     * while a worker of this server claims a composition: no composition is claimed, and announced
     * started, between its insert and its announcement, so its callbacks go out in order.
     */
    static final Object ANNOUNCING = new Object();

    CompositionEvents(EventBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    void enqueued(Composition c) {
        publish(CompositionEvent.ENQUEUED, c, -1, -1, null, null);
    }

    void started(Composition c) {
        publish(CompositionEvent.STARTED, c, -1, -1, null, null);
    }

    void progress(Composition c, int percent, long secondsRemaining) {
        publish(CompositionEvent.PROGRESS, c, percent, secondsRemaining, null, null);
    }

    void available(Composition c) {
        publish(CompositionEvent.AVAILABLE, c, -1, -1, null, null);
    }

    void failed(Composition c, String operation, String reason) {
        publish(CompositionEvent.FAILED, c, -1, -1, operation, reason);
    }

    void hookFailed(String accountSid, String roomSid, String hookSid, String reason) {
        bus.publish(new CompositionEvent(
                CompositionEvent.HOOK_FAILED,
                accountSid,
                roomSid,
                null,
                hookSid,
                -1,
                -1,
                OP_HOOK,
                reason,
                clock.instant()));
    }

    private void publish(String name, Composition c, int percent, long seconds, String op, String reason) {
        bus.publish(new CompositionEvent(
                name,
                c.accountSid(),
                c.roomSid(),
                c.sid(),
                c.hookSid(),
                percent,
                seconds,
                op,
                reason,
                clock.instant()));
    }
}
