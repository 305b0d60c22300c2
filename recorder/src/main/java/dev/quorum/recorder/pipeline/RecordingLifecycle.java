package dev.quorum.recorder.pipeline;

import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.recording.RecordingStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves Recordings through their states in the metadata store and publishes the matching
 * {@link RecordingEvent} after each update, on one thread of its own: recorder threads never wait
 * for the database, and one recording's updates and events stay in order.
 */
public final class RecordingLifecycle implements AutoCloseable {

    public static final String START = "RecordingStart";
    public static final String COMPLETE = "RecordingComplete";

    private static final Logger LOG = LoggerFactory.getLogger(RecordingLifecycle.class);

    // given
    private final RecordingStore store;
    private final EventBus events;
    private final Clock clock;
    private volatile dev.quorum.recorder.RecordingUploads uploads;

    // owned
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recorder-lifecycle");
        t.setDaemon(true);
        return t;
    });

    public RecordingLifecycle(RecordingStore store, EventBus events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Finished files of accounts that store media elsewhere go to the upload queue from now on. */
    public void uploadWith(dev.quorum.recorder.RecordingUploads uploads) {
        this.uploads = uploads;
    }

    /** The first frame was written: the Recording exists, {@code processing}. */
    void started(NewRecording r) {
        run(
                () -> {
                    store.create(r);
                    publish(RecordingEvent.STARTED, r, null);
                },
                r.sid(),
                "create");
    }

    /** A better estimate of where the recording starts. */
    void offset(String sid, long offsetMillis) {
        run(() -> store.setOffset(sid, offsetMillis), sid, "update offset of");
    }

    /** The file was forced to disk up to {@code sizeBytes}. */
    void synced(String sid, long sizeBytes) {
        Instant at = clock.instant();
        run(() -> store.markFlushed(sid, at, sizeBytes), sid, "mark flushed");
    }

    /** The file was finalized; the counts are stored before the Recording shows completed. */
    void completed(
            NewRecording r,
            long offsetMillis,
            long durationMillis,
            long sizeBytes,
            long packetsLost,
            long packetsDropped) {
        run(
                () -> {
                    store.setOffset(r.sid(), offsetMillis);
                    store.setPacketCounts(r.sid(), packetsLost, packetsDropped);
                    var u = uploads;
                    if (u != null
                            && u.handOver(
                                    r.accountSid(), r.sid(), r.mediaKey(), r.writerNode(), durationMillis, sizeBytes)) {
                        return;
                    }
                    if (store.complete(r.sid(), durationMillis, sizeBytes).isPresent()) {
                        publish(RecordingEvent.COMPLETED, r, null);
                    } else {
                        LOG.warn("Recording {} was no longer processing when it completed", r.sid());
                    }
                },
                r.sid(),
                "complete");
    }

    /**
     * The recording failed.
     *
     * @param created whether {@link #started} was called for it; if not, it is created first so
     *                the failure is visible
     */
    void failed(NewRecording r, boolean created, String reason, String failedOperation) {
        run(
                () -> {
                    if (!created) {
                        store.create(r);
                    }
                    if (store.fail(r.sid(), reason).isPresent()) {
                        publish(RecordingEvent.FAILED, r, failedOperation);
                    }
                },
                r.sid(),
                "fail");
    }

    /** Runs {@code work} on the lifecycle thread (recovery uses it to keep the same ordering). */
    void execute(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException closed) {
            LOG.warn("Recording lifecycle closed; update dropped");
        }
    }

    /** Completes once every update queued before this call has been applied. */
    public CompletableFuture<Void> barrier() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            executor.execute(() -> f.complete(null));
        } catch (RejectedExecutionException closed) {
            f.complete(null);
        }
        return f;
    }

    private void run(Runnable work, String sid, String what) {
        execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("Could not {} recording {}", what, sid, e);
            }
        });
    }

    private void publish(String name, NewRecording r, String failedOperation) {
        events.publish(
                new RecordingEvent(name, r.accountSid(), r.roomSid(), r.sid(), failedOperation, clock.instant()));
    }

    /** Applies the queued updates (waiting up to ten seconds), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Recording lifecycle did not drain within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
