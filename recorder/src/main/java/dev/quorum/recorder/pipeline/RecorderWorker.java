package dev.quorum.recorder.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recorder thread: runs the pipelines of the tracks assigned to it in turn, and sleeps briefly
 * when none had work, or until a track is assigned when it has none. The SFU's event loops only ever enqueue, so they never wake or wait for it;
 * a few milliseconds of added latency are nothing to a recording.
 */
public final class RecorderWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderWorker.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ConcurrentLinkedQueue<TrackRecorder> incoming = new ConcurrentLinkedQueue<>();
    private final List<TrackRecorder> tracks = new ArrayList<>();
    private final AtomicInteger assigned = new AtomicInteger();
    private final LongSupplier nanoTime;
    private final Thread thread;
    private volatile boolean stopping;

    public RecorderWorker(String name, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Tracks assigned and not yet finished. */
    public int load() {
        return assigned.get();
    }

    public void add(TrackRecorder track) {
        assigned.incrementAndGet();
        incoming.add(track);
        LockSupport.unpark(thread);
    }

    /** Finishes the assigned tracks (their sinks must already be closed), then exits. */
    public void stop(long timeoutMillis) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Recorder thread {} did not finish its tracks within {} ms", thread.getName(), timeoutMillis);
        }
    }

    @Override
    public void run() {
        while (!stopping || !tracks.isEmpty() || !incoming.isEmpty()) {
            for (TrackRecorder t; (t = incoming.poll()) != null; ) {
                tracks.add(t);
            }
            boolean busy = false;
            long now = nanoTime.getAsLong();
            for (int i = tracks.size() - 1; i >= 0; i--) {
                TrackRecorder t = tracks.get(i);
                try {
                    busy |= t.service(now);
                } catch (RuntimeException e) {
                    LOG.error(
                            "Recording of track {} failed unexpectedly",
                            t.track().trackSid(),
                            e);
                    t.abort(e);
                }
                if (t.finished()) {
                    t.releaseLate();
                    tracks.remove(i);
                    assigned.decrementAndGet();
                }
            }
            if (tracks.isEmpty() && incoming.isEmpty() && !stopping) {
                // Nothing assigned: sleep until add() or stop() wakes the thread, so a server
                // that records nothing pays no wake-ups for it.
                LockSupport.park(this);
            } else if (!busy) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }
}
