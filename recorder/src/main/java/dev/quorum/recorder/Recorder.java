package dev.quorum.recorder;

import dev.quorum.recorder.pipeline.ArrivalClock;
import dev.quorum.recorder.pipeline.DropReason;
import dev.quorum.recorder.pipeline.FileSyncer;
import dev.quorum.recorder.pipeline.PublisherClock;
import dev.quorum.recorder.pipeline.RecorderMetrics;
import dev.quorum.recorder.pipeline.RecorderServices;
import dev.quorum.recorder.pipeline.RecorderWorker;
import dev.quorum.recorder.pipeline.RecordingLifecycle;
import dev.quorum.recorder.pipeline.TrackRecorder;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.tap.MediaTap;
import dev.quorum.sfu.tap.TapControl;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.recording.RecordingStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The recorder: the SFU's {@link MediaTap} that writes every tapped track to its own Matroska file
 * and keeps its Recording in the metadata store, publishing {@code recording-*} events.
 *
 * <p>Each {@link #open} is one Recording segment (created when its first frame is written). Tracks
 * are spread over {@link RecorderConfig#workerThreads()} recorder threads; files are forced to
 * disk by a thread of their own; store updates and events run on a lifecycle thread.
 *
 * <p>Lifecycle: construct, {@link #recover()} what a previous run left processing, {@link #start()},
 * then {@link #open} tracks; {@link #close()} finishes every open recording and stops.
 */
public final class Recorder implements MediaTap, AutoCloseable {

    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    // given
    private final RecorderConfig config;
    private final RecordingStore recordings;
    private final MediaStore media;
    private final EventBus events;
    private final Clock clock;

    // owned
    private final RecorderMetrics metrics;
    private final RecordingLifecycle lifecycle;
    private final FileSyncer syncer;
    private final RecorderServices services;
    private final RecorderWorker[] workers;
    private final Set<TrackRecorder> open = ConcurrentHashMap.newKeySet();
    private final Map<String, SharedClock> publisherClocks = new HashMap<>();
    private boolean started;
    private boolean opened;
    private volatile boolean closed;
    private RecordingUploads uploads;

    public Recorder(
            RecorderConfig config,
            RecordingStore recordings,
            MediaStore media,
            EventBus events,
            MeterRegistry registry) {
        this(config, recordings, media, events, registry, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * @param clock    wall clock, for offsets and store timestamps
     * @param nanoTime the clock the SFU stamps packet arrivals with ({@link System#nanoTime()})
     */
    public Recorder(
            RecorderConfig config,
            RecordingStore recordings,
            MediaStore media,
            EventBus events,
            MeterRegistry registry,
            Clock clock,
            LongSupplier nanoTime) {
        this.config = Objects.requireNonNull(config, "config");
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        this.media = Objects.requireNonNull(media, "media");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new RecorderMetrics(registry);
        this.lifecycle = new RecordingLifecycle(recordings, events, clock);
        this.syncer = new FileSyncer(config.syncInterval().toNanos(), lifecycle, metrics.syncTimer());
        this.services = new RecorderServices(
                config,
                metrics,
                media,
                lifecycle,
                syncer,
                ArrivalClock.anchored(clock, nanoTime),
                ByteBufAllocator.DEFAULT);
        this.workers = new RecorderWorker[config.workerThreads()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new RecorderWorker("recorder-" + i, nanoTime);
        }
    }

    /**
     * Sends finished files of accounts that store media elsewhere (their bucket, the servers'
     * shared bucket, encrypted) to the upload queue. Call before {@link #start}.
     */
    public void uploadWith(RecordingUploads uploads) {
        this.uploads = uploads;
        lifecycle.uploadWith(uploads);
    }

    /**
     * Finishes the recordings this server instance ({@link RecorderConfig#instanceId()}) left
     * {@code processing} when it last stopped: repaired and completed, or failed when nothing
     * usable was saved. Call at start, before the first {@link #open}.
     */
    public synchronized RecoveryReport recover() {
        if (opened) {
            throw new IllegalStateException("recover() must run before tracks are recorded");
        }
        return new RecordingRecovery(recordings, media, events, metrics, clock, uploads).recover(config.instanceId());
    }

    /** Starts the recorder threads. */
    public synchronized CompletionStage<Void> start() {
        if (!started) {
            started = true;
            for (RecorderWorker w : workers) {
                w.start();
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** {@inheritDoc} Called on a control thread; does no I/O (the file is created on the first frame). */
    @Override
    public TrackSink open(TappedTrack track, TapControl control) {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(control, "control");
        PublisherClock publisher;
        synchronized (this) {
            if (!started) {
                throw new IllegalStateException("Recorder not started");
            }
            if (closed) {
                return discard;
            }
            opened = true;
            publisher = publisherClocks
                    .computeIfAbsent(track.participantSid(), k -> new SharedClock())
                    .acquire();
        }
        TrackRecorder[] self = new TrackRecorder[1];
        TrackRecorder t = new TrackRecorder(track, control, services, publisher, () -> finished(self[0]));
        self[0] = t;
        open.add(t);
        leastLoaded().add(t);
        return t;
    }

    private void finished(TrackRecorder t) {
        open.remove(t);
        synchronized (this) {
            SharedClock c = publisherClocks.get(t.track().participantSid());
            if (c != null && c.release()) {
                publisherClocks.remove(t.track().participantSid());
            }
        }
    }

    private RecorderWorker leastLoaded() {
        RecorderWorker best = workers[0];
        for (RecorderWorker w : workers) {
            if (w.load() < best.load()) {
                best = w;
            }
        }
        return best;
    }

    public RecorderConfig config() {
        return config;
    }

    /** Recordings being written now. */
    public int activeRecordings() {
        return metrics.active();
    }

    /** Tracks tapped and not yet finished (including those that have not written a frame). */
    public int openTracks() {
        return open.size();
    }

    /** Completes when every store update and event queued so far has been applied. */
    public CompletionStage<Void> settled() {
        return lifecycle.barrier();
    }

    /** Finishes every open recording (finalizing its file), then stops the threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (TrackRecorder t : open) {
            t.close();
        }
        for (RecorderWorker w : workers) {
            w.stop(STOP_TIMEOUT_MILLIS);
        }
        syncer.close();
        lifecycle.close();
    }

    /** A publisher's clock, shared by its open tracks. */
    private static final class SharedClock {
        private final PublisherClock clock = new PublisherClock();
        private int users;

        PublisherClock acquire() {
            users++;
            return clock;
        }

        boolean release() {
            return --users == 0;
        }
    }

    /** The sink of a track opened after close: drops (and counts) everything. */
    private final TrackSink discard = new TrackSink() {
        @Override
        public void onRtp(ByteBuf packet, long arrivalNanos) {
            services.metrics().packetIn();
            services.metrics().packetDropped(DropReason.CLOSED);
        }

        @Override
        public void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {}

        @Override
        public void close() {}
    };
}
