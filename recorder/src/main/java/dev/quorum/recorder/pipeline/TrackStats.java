package dev.quorum.recorder.pipeline;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One Recording's counts: drops by reason (counted on the event loop as well as the recorder
 * thread, hence atomic), packets recorded and lost (recorder thread). They end up as tags in the
 * finished file. Each count also goes to the shared meters.
 */
final class TrackStats {

    private static final Set<DropReason> DELIBERATE =
            EnumSet.of(DropReason.PAUSED, DropReason.MUTED, DropReason.CLOSED, DropReason.DUPLICATE);

    private final RecorderMetrics metrics;
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private long packets;
    private long lost;

    TrackStats(RecorderMetrics metrics) {
        this.metrics = metrics;
    }

    /** A packet dropped before the depacketizer. Any thread; never allocates. */
    void dropPacket(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
        metrics.packetDropped(reason);
    }

    /** Dropped by the depacketizer or the writer (frames or parts of them). Recorder thread. */
    void dropInFrames(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
        metrics.frameDropped(reason);
    }

    void packet(int bytes) {
        packets++;
        metrics.packet(bytes);
    }

    void lost(long count) {
        lost += count;
        metrics.lost(count);
    }

    long dropped(DropReason reason) {
        return drops.get(reason.ordinal());
    }

    /**
     * Packets that reached the recorder but are missing from the file through a fault (queue
     * overflow, malformed, waiting for a keyframe…); what was left out on purpose (paused, muted,
     * closed) and harmless duplicates are not counted. Stored on the Recording.
     */
    long faultDrops() {
        long n = 0;
        for (DropReason r : DropReason.values()) {
            if (!DELIBERATE.contains(r)) {
                n += drops.get(r.ordinal());
            }
        }
        return n;
    }

    long packets() {
        return packets;
    }

    long lost() {
        return lost;
    }

    /** The counts as Matroska tags, plus the given leading ones. */
    Map<String, String> tags(Map<String, String> leading) {
        Map<String, String> t = new LinkedHashMap<>(leading);
        t.put("QUORUM_PACKETS_RECORDED", Long.toString(packets));
        t.put("QUORUM_PACKETS_LOST", Long.toString(lost));
        t.put("QUORUM_QUEUE_OVERFLOW", Long.toString(dropped(DropReason.QUEUE_FULL)));
        for (DropReason r : DropReason.values()) {
            long n = dropped(r);
            if (n > 0) {
                t.put("QUORUM_DROPPED_" + r.name(), Long.toString(n));
            }
        }
        return t;
    }
}
