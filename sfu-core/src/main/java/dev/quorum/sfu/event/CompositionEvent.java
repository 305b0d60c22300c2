package dev.quorum.sfu.event;

import java.time.Instant;

/**
 * A composition's progress: {@code composition-enqueued} (hook-created only),
 * {@code composition-hook-failed}, {@code composition-started}, {@code composition-progress},
 * {@code composition-available}, {@code composition-failed}. The composition's current state is
 * read from the metadata store, which the composer updates before publishing.
 *
 * @param compositionSid   null for {@code composition-hook-failed}
 * @param hookSid          the hook that created the composition, or null
 * @param percentageDone   for {@code composition-progress}, else -1
 * @param secondsRemaining for {@code composition-progress} (estimate), else -1
 * @param failedOperation  for the failure events, else null
 * @param errorMessage     for the failure events, else null
 */
public record CompositionEvent(
        String name,
        String accountSid,
        String roomSid,
        String compositionSid,
        String hookSid,
        int percentageDone,
        long secondsRemaining,
        String failedOperation,
        String errorMessage,
        Instant timestamp)
        implements ServerEvent {

    public static final String ENQUEUED = "composition-enqueued";
    public static final String HOOK_FAILED = "composition-hook-failed";
    public static final String STARTED = "composition-started";
    public static final String PROGRESS = "composition-progress";
    public static final String AVAILABLE = "composition-available";
    public static final String FAILED = "composition-failed";
}
