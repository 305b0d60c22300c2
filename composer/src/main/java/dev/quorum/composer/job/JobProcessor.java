package dev.quorum.composer.job;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.engine.CompositionFailedException;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.composer.engine.ProgressListener;
import dev.quorum.composer.layout.LayoutTimeline;
import dev.quorum.composer.layout.StreamClasses;
import dev.quorum.composer.process.CompositionJob;
import dev.quorum.composer.process.CompositionRunner;
import dev.quorum.composer.timeline.Window;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionSpec;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.media.MediaWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed composition to its end: maps the recordings it is made of (its room's, or its
 * archive's, {@link JobSources}) to sources, composes over its window if it has one,
 * stores the file in the media store, and records every step in the metadata store and on the
 * event bus ({@code composition-started}, {@code -progress} about every 10 %,
 * {@code -available} or {@code -failed}).
 *
 * <p>While it runs, a heartbeat tells the queue the worker is alive; if the queue answers that the
 * job is no longer this worker's (another server took it over), the work stops and its output is
 * discarded. An interrupted worker (server shutdown) leaves the job {@code processing} for the
 * queue to hand out again.
 */
final class JobProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);
    /** A live composition tells how far behind its room it is at most this often. */
    private static final long LIVE_EVENT_NANOS = 15_000_000_000L;

    private final MetadataStore store;
    private final MediaStore media;
    private volatile CompositionUploads uploads;
    private volatile String node;
    private final CompositionEvents events;
    private final CompositionRunner runner;
    private final Path workDir;
    private final Duration heartbeat;
    private final ScheduledExecutorService timer;
    private final Duration liveDelay;

    JobProcessor(
            MetadataStore store,
            MediaStore media,
            CompositionEvents events,
            CompositionRunner runner,
            Path workDir,
            Duration heartbeat,
            ScheduledExecutorService timer,
            Duration liveDelay) {
        this.liveDelay = liveDelay;
        this.store = store;
        this.media = media;
        this.events = events;
        this.runner = runner;
        this.workDir = workDir;
        this.heartbeat = heartbeat;
        this.timer = timer;
    }

    /**
     * Processes {@code c}, already claimed by {@code worker}.
     *
     * @throws InterruptedException when the worker is being stopped; the job stays claimed
     */
    /** Composed files of accounts that store media elsewhere go to the upload queue from now on. */
    void uploadWith(CompositionUploads uploads, String node) {
        this.uploads = uploads;
        this.node = node;
    }

    void process(Composition c, String worker) throws InterruptedException {
        events.started(c);
        CompositionSpec spec = c.spec();
        CompositionRequest request;
        try {
            List<LayoutTimeline.Change> changes = store.compositions().layoutChanges(c.sid()).stream()
                    .map(l -> new LayoutTimeline.Change(l.atMs(), l.layoutJson()))
                    .toList();
            request = CompositionRequest.parseStored(
                    spec.videoLayoutJson(),
                    changes,
                    spec.audioSources(),
                    spec.audioSourcesExcluded(),
                    spec.resolution(),
                    spec.format(),
                    spec.trim(),
                    spec.videoRateControl());
            if (c.window() != null) {
                // An open window (a running archive's) lasts as a recording still being written.
                long end = c.window().isOpen()
                        ? c.window().startMs() + LiveRoom.OPEN_MS
                        : c.window().endMs();
                request = request.within(new Window(c.window().startMs(), end));
            }
        } catch (InvalidCompositionException | IllegalArgumentException e) {
            fail(c, CompositionEvents.OP_PROCESSING, e.getMessage());
            return;
        }
        CompositionUploads up = uploads;
        if (up != null) {
            List<String> unreadable = up.unreadable(store.recordings().ofRoom(c.roomSid()));
            if (!unreadable.isEmpty()) {
                fail(
                        c,
                        CompositionEvents.OP_PROCESSING,
                        "Recordings that are encrypted or stored in the account's own" + " bucket cannot be composed: "
                                + String.join(", ", unreadable));
                return;
            }
        }
        Path output = workDir.resolve(c.sid() + "." + request.format().wireName());
        AtomicInteger percent = new AtomicInteger();
        AtomicBoolean lost = new AtomicBoolean();
        Thread self = Thread.currentThread();
        ScheduledFuture<?> beat = timer.scheduleAtFixedRate(
                () -> {
                    if (!store.compositions().progress(c.sid(), worker, percent.get())
                            && lost.compareAndSet(false, true)) {
                        self.interrupt();
                    }
                },
                heartbeat.toMillis(),
                heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        CompositionResult result;
        ProgressListener listener = new ProgressListener() {
            private long lastLiveEvent = Long.MIN_VALUE;

            @Override
            public void onProgress(int p, long secondsLeft) {
                int before = percent.getAndSet(p);
                if (p != before) {
                    store.compositions().progress(c.sid(), worker, p);
                }
                if (p / 10 > before / 10 && p < 100) {
                    events.progress(c, p / 10 * 10, secondsLeft);
                }
            }

            @Override
            public void onLive(long behindMillis) {
                long now = System.nanoTime();
                if (lastLiveEvent == Long.MIN_VALUE || now - lastLiveEvent >= LIVE_EVENT_NANOS) {
                    lastLiveEvent = now;
                    events.progress(c, 0, Math.round(behindMillis / 1000.0));
                }
            }
        };
        Path scratch = workDir.resolve(c.sid() + "-sources");
        Optional<RoomFollower> live = liveDelay.isZero()
                ? Optional.empty()
                : RoomFollower.ifLive(store, media, c, liveDelay.toMillis(), scratch);
        try (RoomFollower following = live.orElse(null);
                RecordingSources sources = live.isPresent()
                        ? RecordingSources.none()
                        : RecordingSources.load(JobSources.rows(store, c), media, scratch)) {
            Files.createDirectories(workDir);
            StreamClasses classes = StreamClasses.of(store.streamClasses().ofRoom(c.roomSid()).stream()
                    .map(k -> new StreamClasses.Change(k.streamSid(), k.atMs(), k.classes()))
                    .toList());
            CompositionJob job = live.isPresent()
                    ? CompositionJob.live(request, live.get(), output, classes)
                    : new CompositionJob(request, JobSources.typed(store, c, sources.recordings()), output, classes);
            if (live.isPresent()) {
                LOG.info("Composition {} follows room {} live, {} behind it", c.sid(), c.roomSid(), liveDelay);
            }
            result = runner.run(job, listener);
        } catch (CompositionFailedException e) {
            fail(c, CompositionEvents.OP_PROCESSING, e.getMessage());
            return;
        } catch (IOException e) {
            fail(c, CompositionEvents.OP_PROCESSING, "The recordings could not be read: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            deleteQuietly(output);
            if (lost.get()) {
                Thread.interrupted();
                LOG.info("Composition {} was taken over by another worker; this run stops", c.sid());
                return;
            }
            throw e;
        } finally {
            beat.cancel(false);
        }
        if (!result.warnings().isEmpty()) {
            LOG.info("Composition {} completed with warnings: {}", c.sid(), result.warnings());
        }
        store(c, worker, request, result);
    }

    private void store(Composition c, String worker, CompositionRequest request, CompositionResult result) {
        String key =
                MediaKeys.composition(c.accountSid(), c.sid(), request.format().wireName());
        long size;
        try {
            size = copyIntoStore(result.file(), key);
        } catch (IOException e) {
            fail(c, CompositionEvents.OP_UPLOAD, "The composed file could not be stored: " + e.getMessage());
            return;
        } finally {
            deleteQuietly(result.file());
        }
        int kbps = (int) Math.min(Integer.MAX_VALUE, result.bitrateKbps());
        CompositionUploads up = uploads;
        if (up != null && up.handOver(c, worker, key, node, result.durationMs(), size, kbps)) {
            LOG.info("Composition {} composed by {}; its file waits for its upload", c.sid(), worker);
            return;
        }
        var done = store.compositions().complete(c.sid(), worker, result.durationMs(), size, kbps, key);
        if (done.isEmpty()) {
            LOG.info("Composition {} is no longer this worker's; its output is discarded", c.sid());
            try {
                media.delete(key);
            } catch (IOException e) {
                LOG.warn("Could not remove discarded composition output {}", key, e);
            }
            return;
        }
        LOG.info("Composition {} composed by {}", c.sid(), worker);
        events.available(done.get());
    }

    /** Copies the composed file into the media store under {@code key}, replacing a leftover of an earlier run. */
    private long copyIntoStore(Path file, String key) throws IOException {
        MediaWriter w;
        try {
            w = media.create(key);
        } catch (FileAlreadyExistsException leftover) {
            media.delete(key);
            w = media.create(key);
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long pos = 0;
            while (pos < size) {
                pos += in.transferTo(pos, size - pos, w.channel());
            }
            return w.commit();
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    private void fail(Composition c, String operation, String reason) {
        LOG.info("Composition {} failed: {}", c.sid(), reason);
        store.compositions().fail(c.sid(), reason).ifPresent(failed -> events.failed(failed, operation, reason));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Scratch output; the next run of the job replaces it.
        }
    }
}
