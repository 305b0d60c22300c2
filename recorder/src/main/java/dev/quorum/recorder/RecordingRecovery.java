package dev.quorum.recorder;

import dev.quorum.recorder.mkv.MatroskaRecovery;
import dev.quorum.recorder.mkv.ScanResult;
import dev.quorum.recorder.pipeline.RecorderMetrics;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.recording.RecordingStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the recordings a crashed or killed server left {@code processing}: each file is read
 * up to its last complete block and finalized, and the Recording becomes {@code completed} with
 * what was saved, or {@code failed} when nothing usable was. None stays processing.
 */
final class RecordingRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingRecovery.class);

    private final RecordingStore store;
    private final MediaStore media;
    private final EventBus events;
    private final RecorderMetrics metrics;
    private final Clock clock;

    private final RecordingUploads uploads;

    RecordingRecovery(
            RecordingStore store,
            MediaStore media,
            EventBus events,
            RecorderMetrics metrics,
            Clock clock,
            RecordingUploads uploads) {
        this.uploads = uploads;
        this.store = store;
        this.media = media;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    RecoveryReport recover(String instanceId) {
        List<String> completed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Recording r : store.processingOn(instanceId)) {
            String failure = recoverOne(r);
            if (failure == null) {
                completed.add(r.sid());
            } else if (store.fail(r.sid(), failure).isPresent()) {
                failed.add(r.sid());
                publish(r, RecordingEvent.FAILED, "RecordingComplete");
            }
            metrics.recordingRecovered();
        }
        if (!completed.isEmpty() || !failed.isEmpty()) {
            LOG.info(
                    "Recovered {} recording(s) left processing: {} completed, {} failed",
                    completed.size() + failed.size(),
                    completed.size(),
                    failed.size());
        }
        return new RecoveryReport(completed, failed);
    }

    /** Completes {@code r} from its file; returns why it cannot be, or null when completed. */
    private String recoverOne(Recording r) {
        if (r.mediaKey() == null || !media.exists(r.mediaKey())) {
            return "The server stopped before the recording file was saved";
        }
        ScanResult scan;
        long size;
        try (MediaWriter w = media.reopen(r.mediaKey())) {
            scan = MatroskaRecovery.repair(w.path());
            w.sync();
            size = scan.fileLength();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not repair recording {} ({}): {}", r.sid(), r.mediaKey(), e.toString());
            return "The recording file could not be repaired after the server stopped: " + e.getMessage();
        }
        if (!scan.readable()) {
            return "The recording file is unreadable after the server stopped: " + scan.problem();
        }
        if (scan.blocks() == 0) {
            return "No media was saved before the server stopped";
        }
        if (uploads != null
                && uploads.handOver(
                        r.accountSid(), r.sid(), r.mediaKey(), r.writerNode(), scan.durationMillis(), size)) {
            return null;
        }
        if (store.complete(r.sid(), scan.durationMillis(), size).isPresent()) {
            publish(r, RecordingEvent.COMPLETED, null);
        }
        return null;
    }

    private void publish(Recording r, String name, String failedOperation) {
        events.publish(
                new RecordingEvent(name, r.accountSid(), r.roomSid(), r.sid(), failedOperation, clock.instant()));
    }
}
