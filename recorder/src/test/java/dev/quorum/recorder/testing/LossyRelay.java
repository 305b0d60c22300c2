package dev.quorum.recorder.testing;

import dev.quorum.sfu.tap.TrackSink;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Sits between the socket and the sink like a bad network: drops some packets, delivers some
 * twice, some behind the next few packets, and a few so late that the recorder has given up on
 * them. Records the RTP timestamps of what never arrived in time, so a test can tell which frames
 * were really lost.
 */
public final class LossyRelay implements RtpReceiver.Relay {

    private static final class Held {
        final ByteBuf packet;
        long countdownOrDeadline;

        Held(ByteBuf packet, long countdownOrDeadline) {
            this.packet = packet;
            this.countdownOrDeadline = countdownOrDeadline;
        }
    }

    private final Random random;
    private final double dropRate;
    private final double duplicateRate;
    private final double reorderRate;
    private final double lateRate;
    private final long lateNanos;
    private final int protectFirst;
    private final List<Held> reorderHeld = new ArrayList<>();
    private final List<Held> lateHeld = new ArrayList<>();
    private final Set<Long> lostTimestamps = new TreeSet<>();
    private int seen;
    private long firstTimestamp;
    private int dropped;
    private int duplicated;
    private int reordered;
    private int late;

    /**
     * @param lateMillis   how late a "late" packet arrives (longer than the reorder window)
     * @param protectFirst packets at the start left alone (the recording must start)
     */
    public LossyRelay(
            long seed,
            double dropRate,
            double duplicateRate,
            double reorderRate,
            double lateRate,
            long lateMillis,
            int protectFirst) {
        this.random = new Random(seed);
        this.dropRate = dropRate;
        this.duplicateRate = duplicateRate;
        this.reorderRate = reorderRate;
        this.lateRate = lateRate;
        this.lateNanos = TimeUnit.MILLISECONDS.toNanos(lateMillis);
        this.protectFirst = protectFirst;
    }

    @Override
    public synchronized void relay(ByteBuf packet, long arrivalNanos, TrackSink sink) {
        releaseLate(arrivalNanos, sink);
        if (seen == 0) {
            firstTimestamp = packet.getUnsignedInt(4);
        }
        if (seen++ < protectFirst) {
            forward(packet, arrivalNanos, sink);
            return;
        }
        double r = random.nextDouble();
        if (r < dropRate) {
            dropped++;
            lostTimestamps.add(packet.getUnsignedInt(4));
            packet.release();
            forward(null, arrivalNanos, sink);
        } else if (r < dropRate + lateRate) {
            late++;
            lostTimestamps.add(packet.getUnsignedInt(4));
            lateHeld.add(new Held(packet, arrivalNanos + lateNanos));
            forward(null, arrivalNanos, sink);
        } else if (r < dropRate + lateRate + reorderRate) {
            reordered++;
            forward(null, arrivalNanos, sink);
            reorderHeld.add(new Held(packet, 1 + random.nextInt(3)));
        } else if (r < dropRate + lateRate + reorderRate + duplicateRate) {
            duplicated++;
            forward(packet.retainedDuplicate(), arrivalNanos, sink);
            Lend.rtp(sink, packet, arrivalNanos);
        } else {
            forward(packet, arrivalNanos, sink);
        }
    }

    /** Delivers {@code packet} (if any), then the held-back packets whose turn has come. */
    private void forward(ByteBuf packet, long now, TrackSink sink) {
        if (packet != null) {
            Lend.rtp(sink, packet, now);
        }
        Iterator<Held> it = reorderHeld.iterator();
        while (it.hasNext()) {
            Held h = it.next();
            if (--h.countdownOrDeadline <= 0) {
                it.remove();
                Lend.rtp(sink, h.packet, now);
            }
        }
    }

    private void releaseLate(long now, TrackSink sink) {
        Iterator<Held> it = lateHeld.iterator();
        while (it.hasNext()) {
            Held h = it.next();
            if (now >= h.countdownOrDeadline) {
                it.remove();
                Lend.rtp(sink, h.packet, now);
            }
        }
    }

    /** Delivers the packets held back for reordering; late ones not yet due never arrive. */
    @Override
    public synchronized void drain(TrackSink sink) {
        long now = System.nanoTime();
        for (Held h : reorderHeld) {
            Lend.rtp(sink, h.packet, now);
        }
        for (Held h : lateHeld) {
            h.packet.release();
        }
        reorderHeld.clear();
        lateHeld.clear();
    }

    /** RTP timestamps of frames that lost a packet (dropped, or delivered after the reorder window). */
    public synchronized Set<Long> lostTimestamps() {
        return new TreeSet<>(lostTimestamps);
    }

    /** The RTP timestamp of the first packet relayed (the stream's first frame). */
    public synchronized long firstTimestamp() {
        return firstTimestamp;
    }

    public synchronized String summary() {
        return "seen=" + seen + " dropped=" + dropped + " late=" + late + " reordered=" + reordered + " duplicated="
                + duplicated;
    }

    public synchronized int dropped() {
        return dropped;
    }

    public synchronized int late() {
        return late;
    }

    public synchronized int reordered() {
        return reordered;
    }

    public synchronized int duplicated() {
        return duplicated;
    }
}
