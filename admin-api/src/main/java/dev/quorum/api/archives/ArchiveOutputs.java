package dev.quorum.api.archives;

import dev.quorum.composer.job.ArchiveRendering;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.Archive;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stopped archives into their output, one at a time on a thread of its own: once none of an
 * archive's recordings is still being written, its file is made and stored and the archive becomes
 * {@code available} (until it expires), or {@code failed} when it cannot be made. Stopped archives
 * are found in the store, so those a restart interrupted are made after the next start.
 */
final class ArchiveOutputs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveOutputs.class);

    private final MetadataStore store;
    private final ArchiveRendering rendering;
    private final ArchiveCallbacks callbacks;
    private final ArchiveSettings settings;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "archive-outputs");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    ArchiveOutputs(MetadataStore store, ArchiveRendering rendering, ArchiveCallbacks callbacks, ArchiveSettings settings) {
        this.store = store;
        this.rendering = rendering;
        this.callbacks = callbacks;
        this.settings = settings;
    }

    /** Starts making the outputs that can be made now. */
    void poll() {
        for (Archive a : store.archives().awaitingOutput()) {
            if (!inFlight.contains(a.id()) && rendering.ready(a) && inFlight.add(a.id())) {
                try {
                    worker.execute(() -> make(a));
                } catch (RejectedExecutionException stopping) {
                    inFlight.remove(a.id());
                }
            }
        }
    }

    private void make(Archive a) {
        try {
            ArchiveRendering.Output o = rendering.render(a);
            store.archives().available(a.id(), o.mediaKey(), o.size(), o.sha256(), a.createdAt().plus(settings.retention()))
                    .ifPresent(x -> {
                        LOG.info("Archive {} is available: {} bytes", x.id(), x.sizeBytes());
                        callbacks.status(x, List.of());
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: stays stopped, made at the next start
        } catch (Exception e) {
            LOG.warn("Archive {} could not be made", a.id(), e);
            store.archives().fail(a.id(), "Internal server failure", String.valueOf(e.getMessage()))
                    .ifPresent(x -> callbacks.status(x, List.of()));
        } finally {
            inFlight.remove(a.id());
        }
    }

    /** Removes an archive's output (deleted or expired). */
    void discard(Archive a) {
        try {
            rendering.discard(a);
        } catch (IOException e) {
            LOG.warn("Could not remove the output of archive {}", a.id(), e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
