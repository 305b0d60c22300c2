package dev.quorum.composer.engine;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.StreamClasses;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The room a live composition follows while it runs: its recordings as they are now, which of
 * them the recorder is still writing, and whether the set is final (the room has ended and every
 * recording is complete). Thread-safe; the engine asks often.
 */
public interface LiveRoom {

    /**
     * How long, for planning, a recording still being written lasts: the layout treats it as
     * active until it completes and its real duration is known.
     */
    long OPEN_MS = Duration.ofDays(7).toMillis();

    /** The room as it is now. */
    Snapshot snapshot();

    /**
     * One look at the room.
     *
     * @param version    changes whenever anything else in the snapshot does
     * @param recordings the room's readable recordings; those being written last {@link #OPEN_MS}
     * @param writing    SIDs of the recordings whose files still grow
     * @param ended      the room has ended and every recording is complete: nothing will change
     * @param delayMs    how far behind the room clock the composition stays while the room runs
     * @param request    what the composition is asked for as it is now, when that changes as the
     *                   room runs (a running archive's window and layout timeline); null when the
     *                   job's request holds throughout
     * @param classes    the layout classes of the room's streams as they are now; null when the
     *                   job's hold throughout
     */
    record Snapshot(
            long version,
            List<SourceRecording> recordings,
            Set<String> writing,
            boolean ended,
            long delayMs,
            CompositionRequest request,
            StreamClasses classes) {

        public Snapshot {
            recordings = List.copyOf(recordings);
            writing = Set.copyOf(writing);
            Objects.requireNonNull(recordings);
        }

        /** A room whose composition's request and layout classes are those of its job. */
        public Snapshot(
                long version, List<SourceRecording> recordings, Set<String> writing, boolean ended, long delayMs) {
            this(version, recordings, writing, ended, delayMs, null, null);
        }
    }
}
