package dev.quorum.recorder.pipeline;

import dev.quorum.storage.media.MediaWriter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces open recording files to disk periodically, on a thread of its own so that a slow disk
 * never holds up the threads writing recordings, and records in the metadata store how much of
 * each file is durable.
 */
public final class FileSyncer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileSyncer.class);

    /** One open file: the writer thread publishes how far it has flushed. */
    static final class Entry {
        final String recordingSid;
        final MediaWriter media;
        volatile long flushedBytes;
        long syncedBytes;

        Entry(String recordingSid, MediaWriter media) {
            this.recordingSid = recordingSid;
            this.media = media;
        }
    }

    private final Set<Entry> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recorder-sync");
        t.setDaemon(true);
        return t;
    });
    private final RecordingLifecycle lifecycle;
    private final Timer syncTimer;

    public FileSyncer(long intervalNanos, RecordingLifecycle lifecycle, Timer syncTimer) {
        this.lifecycle = lifecycle;
        this.syncTimer = syncTimer;
        timer.scheduleWithFixedDelay(this::syncAll, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    Entry register(String recordingSid, MediaWriter media) {
        Entry e = new Entry(recordingSid, media);
        open.add(e);
        return e;
    }

    void unregister(Entry e) {
        open.remove(e);
    }

    private void syncAll() {
        for (Entry e : open) {
            long flushed = e.flushedBytes;
            if (flushed <= e.syncedBytes) {
                continue;
            }
            long start = System.nanoTime();
            try {
                e.media.sync();
                e.syncedBytes = flushed;
                lifecycle.synced(e.recordingSid, flushed);
            } catch (ClosedChannelException closed) {
                open.remove(e);
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Could not sync recording {}", e.recordingSid, ex);
            } finally {
                syncTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
