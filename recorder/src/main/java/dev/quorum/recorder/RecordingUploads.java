package dev.quorum.recorder;

import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.storage.recording.RecordingStore;
import dev.quorum.storage.settings.MediaSettings;
import dev.quorum.storage.upload.MediaPlacement;
import dev.quorum.storage.upload.NewUpload;
import dev.quorum.storage.upload.Upload;
import dev.quorum.storage.upload.UploadListener;
import java.time.Clock;
import java.util.Optional;

/**
 * Recordings whose account stores media elsewhere (its bucket, the servers' shared bucket, or
 * encrypted): a finished file is handed to the upload queue and the Recording stays
 * {@code processing} until the file is stored; then it is {@code completed}, with
 * {@code media_external_location} when in the account's bucket, and {@code recording-completed}
 * is sent. An upload that fails for good (no fallback) fails the Recording with the reason
 * ({@code FailedOperation} {@value #UPLOAD}); its file stays on the recording node's disk.
 */
public final class RecordingUploads implements UploadListener {

    /** The resource kind of recordings in the upload queue. */
    public static final String KIND = "recording";

    public static final String UPLOAD = "RecordingUpload";

    private final RecordingStore recordings;
    private final EventBus events;
    private final MediaPlacement placement;
    private final Clock clock;

    public RecordingUploads(RecordingStore recordings, EventBus events, MediaPlacement placement, Clock clock) {
        this.recordings = recordings;
        this.events = events;
        this.placement = placement;
        this.clock = clock;
        placement.uploader().listen(KIND, this);
    }

    /**
     * Hands a finished recording to the upload queue if its account wants it stored elsewhere;
     * false if it is complete where it is.
     */
    public boolean handOver(
            String accountSid, String recordingSid, String mediaKey, String node, long durationMs, long sizeBytes) {
        Optional<NewUpload> plan =
                placement.plan(MediaSettings.Kind.RECORDING, accountSid, recordingSid, KIND, mediaKey, node);
        if (plan.isEmpty()) {
            return false;
        }
        recordings.awaitUpload(recordingSid, durationMs, sizeBytes);
        placement.uploader().enqueue(plan.get());
        return true;
    }

    @Override
    public void stored(Upload u) {
        String key = Upload.IN_EXTERNAL.equals(u.storedIn()) ? null : u.objectKey();
        long size = u.sizeBytes() == null ? 0 : u.sizeBytes();
        recordings
                .completeStored(u.resourceSid(), key, u.location(), size)
                .ifPresent(r -> events.publish(new RecordingEvent(
                        RecordingEvent.COMPLETED, r.accountSid(), r.roomSid(), r.sid(), null, clock.instant())));
    }

    @Override
    public void failed(Upload u, String reason) {
        recordings
                .fail(u.resourceSid(), reason)
                .ifPresent(r -> events.publish(new RecordingEvent(
                        RecordingEvent.FAILED, r.accountSid(), r.roomSid(), r.sid(), UPLOAD, clock.instant())));
    }
}
