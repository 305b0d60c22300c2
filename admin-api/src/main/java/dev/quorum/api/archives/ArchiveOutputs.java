package dev.quorum.api.archives;

import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.archive.ComposedArchivePlan;
import dev.quorum.composer.job.ArchiveRendering;
import dev.quorum.sfu.api.Sid;
import dev.quorum.storage.DuplicateException;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.upload.Upload;
import dev.quorum.storage.upload.UploadListener;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stopped archives into their output, once none of an archive's recordings is still being
 * written; the archive then becomes {@code available} (until it expires), or {@code failed} when
 * its output cannot be made.
 *
 * <p>A composed archive that recorded media is composed by the composer's workers: its
 * composition ({@link ComposedArchivePlan}: its window, its recordings, its layout timeline) goes
 * into the durable composition queue, and when the composition completes its file becomes the
 * archive's output; when it fails, the archive fails. An individual archive's ZIP, and the empty
 * file of an archive that recorded nothing, are made here, one at a time on a thread of its own.
 * Everything is found in the store, so the archives a restart interrupted are finished after the
 * next start.
 *
 * <p>When the archive's project has an upload target ({@link ArchiveStorage}), the output goes to
 * the upload queue instead and the archive stays {@code stopped} until the queue reports:
 * {@code uploaded}, or after the retry window {@code available} (fallback) or {@code failed}.
 */
final class ArchiveOutputs implements AutoCloseable, UploadListener {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveOutputs.class);

    private final MetadataStore store;
    private final ArchiveRendering rendering;
    private final ArchiveCallbacks callbacks;
    private final ArchiveSettings settings;
    private final ArchiveStorage storage;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "archive-outputs");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Composition> enqueued = c -> {};

    /** @param storage sends the archives of projects with an upload target to their bucket; null if none can */
    ArchiveOutputs(
            MetadataStore store,
            ArchiveRendering rendering,
            ArchiveCallbacks callbacks,
            ArchiveSettings settings,
            ArchiveStorage storage) {
        this.store = store;
        this.rendering = rendering;
        this.callbacks = callbacks;
        this.settings = settings;
        this.storage = storage;
        if (storage != null) {
            storage.listen(this);
        }
    }

    /** Who is told of a composition put in the queue (the composer's workers wake on it). */
    void onEnqueued(Consumer<Composition> listener) {
        this.enqueued = listener;
    }

    /**
     * Moves every stopped archive on as far as it can go now, and gives every composed archive that
     * has begun recording its composition, to be composed while it runs.
     */
    void poll() {
        store.archives().recording().forEach(this::began);
        for (Archive a : store.archives().awaitingOutput()) {
            if (inFlight.contains(a.id())) {
                continue;
            }
            try {
                if (a.composed()) {
                    composed(a);
                } else if (rendering.ready(a)) {
                    submit(a, () -> made(a, () -> rendering.render(a)));
                }
            } catch (RuntimeException e) {
                LOG.error("Archive {} could not be moved on; tried again at the next check", a.id(), e);
            }
        }
        if (storage != null) {
            requeue();
        }
    }

    /**
     * Archives whose output was made but whose upload was never queued (a stop in between): queued
     * now by the node holding the file, or made available if their project lost its target.
     */
    private void requeue() {
        for (Archive a : store.archives().awaitingUpload()) {
            if (inFlight.contains(a.id())
                    || store.uploads().latest(a.id()).isPresent()
                    || !storage.holds(a.mediaKey())) {
                continue;
            }
            try {
                Optional<ArchiveTarget> t = storage.target(a.projectId());
                if (t.isPresent()) {
                    storage.enqueue(a, t.get(), a.mediaKey());
                } else {
                    store.archives()
                            .available(
                                    a.id(),
                                    a.mediaKey(),
                                    a.sizeBytes(),
                                    a.sha256(),
                                    a.createdAt().plus(settings.retention()))
                            .ifPresent(x -> callbacks.status(x, List.of()));
                }
            } catch (RuntimeException e) {
                LOG.error("The upload of archive {} could not be queued; tried again at the next check", a.id(), e);
            }
        }
    }

    /**
     * A composed archive that began recording gets its composition at once, with its window open:
     * a live worker composes it while the session runs (without one free, it waits for the stop).
     */
    void began(Archive a) {
        if (!a.composed() || a.dateRecording() == null) {
            return;
        }
        try {
            if (store.compositions().ofArchive(a.id()).isEmpty()) {
                create(a, ComposedArchivePlan.of(a, store.archives().layouts(a.id())));
            }
        } catch (InvalidCompositionException e) {
            // Fails with the reason once it stops.
        } catch (RuntimeException e) {
            LOG.error("Archive {}: its composition could not be created; tried again at the next check", a.id(), e);
        }
    }

    private void composed(Archive a) {
        Optional<Composition> c = store.compositions().ofArchive(a.id());
        if (c.isEmpty()) {
            if (rendering.ready(a)) {
                enqueue(a);
            }
            return;
        }
        if (c.get().window() != null && c.get().window().isOpen()) {
            close(a, c.get());
            return;
        }
        if (!Composition.COMPLETED.equals(c.get().status())
                && !Composition.DELETED.equals(c.get().status())
                && rendering.ready(a)
                && !rendering.recordedMedia(a)) {
            // Created when recording began, it has no media to compose: the empty file instead.
            store.compositions().forgetArchive(a.id());
            submit(a, () -> made(a, () -> rendering.empty(a)));
            return;
        }
        switch (c.get().status()) {
            case Composition.COMPLETED ->
                submit(a, () -> made(a, () -> rendering.adopt(c.get().mediaKey())));
            case Composition.FAILED ->
                failed(a, "its composition failed: " + c.get().failureReason());
            case Composition.DELETED -> failed(a, "its composition was deleted");
            default -> {} // enqueued or processing: the composer's workers have it
        }
    }

    /**
     * The archive stopped: its composition's window closes with its final plan (the stop, every
     * layout change), which a worker that takes it after the fact composes from.
     */
    private void close(Archive a, Composition c) {
        ComposedArchivePlan.Plan plan;
        try {
            plan = ComposedArchivePlan.of(a, store.archives().layouts(a.id()));
        } catch (InvalidCompositionException e) {
            store.compositions().fail(c.sid(), e.getMessage());
            failed(a, e.getMessage());
            return;
        }
        if (store.compositions().closeWindow(c.sid(), plan.window().endMs(), plan.changes())) {
            LOG.info(
                    "Archive {} stopped; its composition {} covers {} ms with {} layout changes",
                    a.id(),
                    c.sid(),
                    plan.window().durationMs(),
                    plan.changes().size());
            enqueued.accept(c);
        }
    }

    /** Puts the archive's composition in the queue, or stores the empty file of an archive without media. */
    private void enqueue(Archive a) {
        ComposedArchivePlan.Plan plan;
        try {
            plan = ComposedArchivePlan.of(a, store.archives().layouts(a.id()));
        } catch (InvalidCompositionException e) {
            failed(a, e.getMessage());
            return;
        }
        if (!rendering.recordedMedia(a) || plan.window().durationMs() <= 0) {
            submit(a, () -> made(a, () -> rendering.empty(a)));
            return;
        }
        create(a, plan);
    }

    private void create(Archive a, ComposedArchivePlan.Plan plan) {
        try {
            Composition c = store.compositions()
                    .createForArchive(
                            Sid.generate(Sid.COMPOSITION),
                            a.accountSid(),
                            a.roomSid(),
                            a.id(),
                            plan.spec(),
                            plan.window(),
                            plan.changes());
            if (plan.window().isOpen()) {
                LOG.info("Archive {} is composed as composition {} while it runs", a.id(), c.sid());
            } else {
                LOG.info(
                        "Archive {} is composed as composition {} ({} ms, {} layout changes)",
                        a.id(),
                        c.sid(),
                        plan.window().durationMs(),
                        plan.changes().size());
            }
            enqueued.accept(c);
        } catch (DuplicateException raced) {
            // Another server's check created it at the same time.
        }
    }

    private interface Making {
        ArchiveRendering.Output make() throws IOException;
    }

    private void submit(Archive a, Runnable work) {
        if (inFlight.add(a.id())) {
            try {
                worker.execute(() -> {
                    try {
                        work.run();
                    } finally {
                        inFlight.remove(a.id());
                    }
                });
            } catch (RejectedExecutionException stopping) {
                inFlight.remove(a.id());
            }
        }
    }

    private void made(Archive a, Making making) {
        try {
            ArchiveRendering.Output o = making.make();
            Optional<ArchiveTarget> target = storage == null ? Optional.empty() : storage.target(a.projectId());
            if (target.isPresent()) {
                upload(a, target.get(), o);
                return;
            }
            store.archives()
                    .available(
                            a.id(),
                            o.mediaKey(),
                            o.size(),
                            o.sha256(),
                            a.createdAt().plus(settings.retention()))
                    .ifPresent(x -> {
                        LOG.info("Archive {} is available: {} bytes", x.id(), x.sizeBytes());
                        callbacks.status(x, List.of());
                    });
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: stays stopped, made after the next start
            }
            LOG.warn("Archive {} could not be made", a.id(), e);
            failed(a, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Queues the output's upload; a composed archive's file is first copied from its composition
     * to the archive's own key (the object's name is the archive's).
     */
    private void upload(Archive a, ArchiveTarget t, ArchiveRendering.Output made) throws IOException {
        String key = ArchiveRendering.key(a);
        ArchiveRendering.Output o = made.mediaKey().equals(key) ? made : rendering.copyIn(a, made.mediaKey());
        if (store.archives()
                .awaitUpload(a.id(), o.mediaKey(), o.size(), o.sha256())
                .isEmpty()) {
            return; // moved on meanwhile
        }
        storage.enqueue(a, t, o.mediaKey());
        LOG.info("Archive {} is made ({} bytes) and queued for upload to {}", a.id(), o.size(), t.s3Url());
        if (o != made) {
            try {
                rendering.remove(made.mediaKey());
            } catch (IOException e) {
                LOG.warn("Could not remove the composed file {} of archive {}", made.mediaKey(), a.id(), e);
            }
        }
    }

    /** The upload ended: in the project's bucket, or kept in the server's store after the retry window. */
    @Override
    public void stored(Upload u) {
        if (Upload.UPLOADED.equals(u.status())) {
            store.archives().uploaded(u.resourceSid()).ifPresent(x -> {
                LOG.info("Archive {} is uploaded to {}", x.id(), u.location());
                callbacks.status(x, List.of());
            });
            return;
        }
        Archive a = store.archives().find(u.resourceSid()).orElse(null);
        if (a == null) {
            return;
        }
        Instant now = u.dateFinished() == null ? Instant.now() : u.dateFinished();
        store.archives()
                .available(a.id(), u.objectKey(), a.sizeBytes(), a.sha256(), now.plus(settings.retention()))
                .ifPresent(x -> {
                    LOG.warn("Archive {} is kept in the server's store: {}", x.id(), u.lastError());
                    callbacks.status(x, List.of());
                });
    }

    /** The retry window passed without an upload, and the project has no fallback. */
    @Override
    public void failed(Upload u, String reason) {
        String why = "Upload failed: " + reason;
        store.archives()
                .fail(
                        u.resourceSid(),
                        why,
                        why + " (the file stays on " + u.node() + " at media key " + u.localKey() + ")")
                .ifPresent(x -> {
                    LOG.warn("Archive {} failed: {}", x.id(), why);
                    callbacks.status(x, List.of());
                });
    }

    private void failed(Archive a, String failure) {
        LOG.warn("Archive {} failed: {}", a.id(), failure);
        store.archives()
                .fail(a.id(), "Internal server failure", failure)
                .ifPresent(x -> callbacks.status(x, List.of()));
    }

    /**
     * Removes an archive's output (deleted or expired), cancels an upload of it still pending, and
     * lets its composition go.
     */
    void discard(Archive a) {
        store.uploads().cancel(a.id());
        try {
            rendering.discard(a);
        } catch (IOException e) {
            LOG.warn("Could not remove the output of archive {}", a.id(), e);
        }
        store.compositions().forgetArchive(a.id());
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
