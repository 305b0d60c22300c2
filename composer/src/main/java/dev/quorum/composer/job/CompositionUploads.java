package dev.quorum.composer.job;

import dev.quorum.sfu.event.EventBus;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.settings.MediaSettings;
import dev.quorum.storage.upload.MediaPlacement;
import dev.quorum.storage.upload.NewUpload;
import dev.quorum.storage.upload.Upload;
import dev.quorum.storage.upload.UploadListener;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Compositions whose account stores media elsewhere (composition settings, or the servers'
 * shared bucket): the composed file goes to the upload queue and the composition stays
 * {@code processing} until it is stored, then {@code composition-available} is sent. Also tells
 * which recordings the composer cannot read: encrypted ones, and ones in an account's own bucket.
 */
public final class CompositionUploads implements UploadListener {

    public static final String KIND = "composition";

    private final MetadataStore store;
    private final MediaPlacement placement;
    private final CompositionEvents events;

    public CompositionUploads(MetadataStore store, MediaPlacement placement, EventBus bus, Clock clock) {
        this.store = store;
        this.placement = placement;
        this.events = new CompositionEvents(bus, clock);
        placement.uploader().listen(KIND, this);
    }

    /** Hands the composed file to the upload queue if the account wants it elsewhere; false if it is stored. */
    boolean handOver(Composition c, String worker, String key, String node, long durationMs, long size, int kbps) {
        Optional<NewUpload> plan =
                placement.plan(MediaSettings.Kind.COMPOSITION, c.accountSid(), c.sid(), KIND, key, node);
        if (plan.isEmpty()) {
            return false;
        }
        if (!store.compositions().awaitUpload(c.sid(), worker, durationMs, size, kbps, key)) {
            return false;
        }
        placement.uploader().enqueue(plan.get());
        return true;
    }

    /** The recordings of a room the composer cannot read (encrypted, or only in an account's bucket). */
    List<String> unreadable(List<Recording> recordings) {
        return recordings.stream()
                .filter(r -> Recording.COMPLETED.equals(r.status()))
                .filter(r -> r.mediaExternalLocation() != null
                        || store.uploads()
                                .latest(r.sid())
                                .map(u -> u.encryptionKeySid() != null && !Upload.FAILED.equals(u.status()))
                                .orElse(false))
                .map(Recording::sid)
                .toList();
    }

    @Override
    public void stored(Upload u) {
        String key = Upload.IN_EXTERNAL.equals(u.storedIn()) ? null : u.objectKey();
        store.compositions()
                .completeStored(u.resourceSid(), key, u.location(), u.sizeBytes() == null ? 0 : u.sizeBytes())
                .ifPresent(events::available);
    }

    @Override
    public void failed(Upload u, String reason) {
        store.compositions()
                .fail(u.resourceSid(), reason)
                .ifPresent(c -> events.failed(c, CompositionEvents.OP_UPLOAD, reason));
    }
}
