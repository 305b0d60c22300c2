package dev.quorum.composer.job;

import dev.quorum.composer.ComposerConfig;
import dev.quorum.composer.engine.CompositionEngine;
import dev.quorum.composer.process.ChildProcessRunner;
import dev.quorum.composer.process.CompositionRunner;
import dev.quorum.composer.process.InProcessRunner;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.media.ServerMediaStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of workers that take compositions from the durable queue and run them, one at a time
 * each ({@code composer.workers}, default 1).
 *
 * <p>A composition of a room in progress is taken by one of the live workers
 * ({@code composer.live-workers}), which composes it while the room runs, a few seconds behind it,
 * and completes it a few seconds after the room ends. Any other job is handed out to the workers
 * only once its room has ended and all its recordings are written; until then it waits in the
 * queue. Idle workers look for work every poll interval, and at once when a
 * room ends, a recording completes or a hook enqueues a composition. At start the pool takes
 * back the jobs its workers were running when the server stopped; a sweeper hands jobs of
 * workers that stopped reporting (another server died) to whoever is free. A failed job never
 * stops a worker: it goes on with the next.
 */
public final class CompositionWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompositionWorkers.class);

    // Given.
    private final ComposerConfig config;
    private final MetadataStore store;
    private final EventBus bus;
    private final Clock clock;
    private final boolean readsWhereRecorded;
    private volatile String liveHost;
    // Owned.
    private final JobProcessor processor;
    private final ScheduledExecutorService timer;
    private final List<Thread> threads = new ArrayList<>();
    private final Object idle = new Object();
    private AutoCloseable subscription;
    private volatile boolean running;
    private long wakeups;

    /**
     * Sends composed files of accounts that store media elsewhere to the upload queue, and fails
     * compositions of recordings the composer cannot read. Call before {@link #start}.
     */
    public void uploadWith(CompositionUploads uploads, String node) {
        processor.uploadWith(uploads, node);
    }

    public CompositionWorkers(
            ComposerConfig config,
            MetadataStore store,
            MediaStore media,
            EventBus bus,
            CompositionRunner runner,
            Clock clock) {
        this.config = config;
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.readsWhereRecorded = readsWhereRecorded(media);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "composer-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.processor = new JobProcessor(
                store,
                media,
                new CompositionEvents(bus, clock),
                runner,
                config.workDir(),
                config.heartbeatInterval(),
                timer,
                config.liveDelay());
    }

    /** The runner {@code composer.isolation} asks for. */
    public static CompositionRunner runnerFor(ComposerConfig config) {
        if (config.isolation() == ComposerConfig.Isolation.IN_PROCESS) {
            return new InProcessRunner(new CompositionEngine(config.engine()));
        }
        ChildProcessRunner.Launch same = ChildProcessRunner.Launch.sameJvm();
        List<String> options = new ArrayList<>(config.childJvmOptions());
        boolean heapGiven = options.stream().anyMatch(o -> o.startsWith("-Xmx"));
        for (String o : same.jvmArguments()) {
            if (!(heapGiven && o.startsWith("-Xmx"))) {
                options.add(o);
            }
        }
        return new ChildProcessRunner(
                config.engine(),
                new ChildProcessRunner.Launch(same.javaCommand(), same.classPath(), options, same.mainClass()));
    }

    /** The queue name of worker {@code i}, stable across restarts of this server. */
    public String workerId(int i) {
        return config.instanceId() + "-composer-" + i;
    }

    /**
     * Whether recordings are read where the recorder writes them: a room is composed live from
     * files on this node's disk. With a shared store, a room's recordings are on the disk of the
     * node that hosts it, so compositions wait for the room to end and the files to be uploaded.
     */
    private static boolean readsWhereRecorded(MediaStore media) {
        return media instanceof LocalMediaStore
                || media instanceof ServerMediaStore s && s.shared().isEmpty();
    }

    /**
     * Live workers take compositions of the rooms server instance {@code instanceId} hosts only
     * (this server's, as the recorder names it): their recordings are written to this server's
     * disk. With a shared store, that is what lets this server compose live at all; without it,
     * a server whose media moves to a shared store composes after the fact only. Call before
     * {@link #start}.
     */
    public void composeLiveRoomsOf(String instanceId) {
        this.liveHost = instanceId;
    }

    /** The queue name of live worker {@code i}, stable across restarts of this server. */
    public String liveWorkerId(int i) {
        return config.instanceId() + "-composer-live-" + i;
    }

    /** Takes back this server's interrupted jobs and starts the workers. */
    public synchronized CompletionStage<Void> start() {
        if (running) {
            return CompletableFuture.completedFuture(null);
        }
        running = true;
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= config.workers(); i++) {
            ids.add(workerId(i));
        }
        for (int i = 1; i <= config.liveWorkers(); i++) {
            // All of them, even when live composing is off now: it may have been on before.
            ids.add(liveWorkerId(i));
        }
        for (String id : ids) {
            // A live composition taken back starts again from the room's first recording: the
            // recordings on disk hold everything it had composed.
            int back = store.compositions().requeueClaimedBy(id);
            if (back > 0) {
                LOG.info("{} composition(s) interrupted by the last shutdown are queued again", back);
            }
        }
        subscription = bus.subscribe(e -> {
            if (e instanceof RoomEvent r && RoomEvent.ENDED.equals(r.name())
                    || e instanceof RecordingEvent
                    || e instanceof CompositionEvent c && CompositionEvent.ENQUEUED.equals(c.name())) {
                wake();
            }
        });
        long sweep = Math.max(10, config.staleAfter().toMillis() / 2);
        timer.scheduleWithFixedDelay(this::sweepStale, sweep, sweep, TimeUnit.MILLISECONDS);
        for (int i = 1; i <= config.workers(); i++) {
            String id = workerId(i);
            Thread t = new Thread(() -> loop(id, false), id);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        int liveWorkers = readsWhereRecorded || liveHost != null ? config.liveWorkers() : 0;
        for (int i = 1; i <= liveWorkers; i++) {
            String id = liveWorkerId(i);
            Thread t = new Thread(() -> loop(id, true), id);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            threads.add(t);
            t.start();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Makes idle workers look for a ready job now. */
    public void wake() {
        synchronized (idle) {
            wakeups++;
            idle.notifyAll();
        }
    }

    private void loop(String worker, boolean live) {
        while (running) {
            long seen;
            synchronized (idle) {
                seen = wakeups;
            }
            try {
                Optional<Composition> job;
                synchronized (CompositionEvents.ANNOUNCING) {
                    job = live
                            ? store.compositions().claimNextLive(worker, liveHost)
                            : store.compositions().claimNext(worker);
                }
                if (job.isPresent()) {
                    processor.process(job.get(), worker);
                    continue;
                }
                synchronized (idle) {
                    if (running && wakeups == seen) {
                        idle.wait(config.pollInterval().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                // A database hiccup or a bug in one job must not end the worker.
                LOG.error("Composition worker {} hit an error; continuing", worker, e);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sweepStale() {
        try {
            int n = store.compositions().requeueStale(clock.instant().minus(config.staleAfter()));
            if (n > 0) {
                LOG.info("{} composition(s) whose worker stopped reporting are queued again", n);
                wake();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not requeue stale compositions", e);
        }
    }

    /**
     * Stops the workers. Running compositions are interrupted and stay claimed; the next start
     * of this server queues them again.
     */
    @Override
    public synchronized void close() {
        if (!running) {
            timer.shutdownNow();
            return;
        }
        running = false;
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // Unsubscribing from the in-process bus cannot fail.
            }
        }
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        timer.shutdownNow();
    }
}
