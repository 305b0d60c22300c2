package dev.quorum.recorder.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The recorder's meters, created once; incrementing them allocates nothing, so they may be used
 * on the packet path.
 *
 * <ul>
 *   <li>{@code quorum.recorder.recordings.active} — recordings being written</li>
 *   <li>{@code quorum.recorder.packets} / {@code quorum.recorder.packet.bytes} — RTP packets (and
 *       their bytes) that reached a depacketizer</li>
 *   <li>{@code quorum.recorder.frames} — frames written</li>
 *   <li>{@code quorum.recorder.drops{reason}} — packets or frames not recorded, by {@link DropReason}</li>
 *   <li>{@code quorum.recorder.packets.lost} — sequence numbers never received within the reorder window</li>
 *   <li>{@code quorum.recorder.keyframe.requests} — keyframes asked for</li>
 *   <li>{@code quorum.recorder.file.bytes} — bytes written to recording files</li>
 *   <li>{@code quorum.recorder.flush} / {@code quorum.recorder.sync} — time to hand buffered bytes
 *       to the OS / to force files to disk</li>
 *   <li>{@code quorum.recorder.recordings{outcome}} — recordings finished: completed, failed, recovered</li>
 * </ul>
 */
public final class RecorderMetrics {

    private final Counter[] drops = new Counter[DropReason.values().length];
    private final Counter packets;
    private final Counter packetBytes;
    private final Counter frames;
    private final Counter lost;
    private final Counter keyframeRequests;
    private final Counter fileBytes;
    private final Timer flush;
    private final Timer sync;
    private final Counter completed;
    private final Counter failed;
    private final Counter recovered;
    private final AtomicInteger active = new AtomicInteger();

    public RecorderMetrics(MeterRegistry registry) {
        for (DropReason r : DropReason.values()) {
            drops[r.ordinal()] = Counter.builder("quorum.recorder.drops")
                    .tag("reason", r.tag())
                    .description("Tapped packets or frames not recorded")
                    .register(registry);
        }
        packets = Counter.builder("quorum.recorder.packets")
                .description("RTP packets recorded")
                .register(registry);
        packetBytes = Counter.builder("quorum.recorder.packet.bytes")
                .baseUnit("bytes")
                .description("Bytes of RTP packets recorded")
                .register(registry);
        frames = Counter.builder("quorum.recorder.frames")
                .description("Frames written")
                .register(registry);
        lost = Counter.builder("quorum.recorder.packets.lost")
                .description("Packets never received within the reorder window")
                .register(registry);
        keyframeRequests = Counter.builder("quorum.recorder.keyframe.requests")
                .description("Keyframes requested from publishers")
                .register(registry);
        fileBytes = Counter.builder("quorum.recorder.file.bytes")
                .baseUnit("bytes")
                .description("Bytes written to recording files")
                .register(registry);
        flush = Timer.builder("quorum.recorder.flush")
                .description("Handing buffered recording bytes to the OS")
                .register(registry);
        sync = Timer.builder("quorum.recorder.sync")
                .description("Forcing recording files to disk")
                .register(registry);
        completed = outcome(registry, "completed");
        failed = outcome(registry, "failed");
        recovered = outcome(registry, "recovered");
        Gauge.builder("quorum.recorder.recordings.active", active, AtomicInteger::get)
                .description("Recordings being written")
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("quorum.recorder.recordings")
                .tag("outcome", outcome)
                .description("Recordings finished")
                .register(registry);
    }

    public void drop(DropReason reason) {
        drops[reason.ordinal()].increment();
    }

    public void packet(int bytes) {
        packets.increment();
        packetBytes.increment(bytes);
    }

    public void frame() {
        frames.increment();
    }

    public void lost(long count) {
        lost.increment(count);
    }

    public void keyframeRequested() {
        keyframeRequests.increment();
    }

    public void fileBytes(long bytes) {
        fileBytes.increment(bytes);
    }

    public Timer flushTimer() {
        return flush;
    }

    public Timer syncTimer() {
        return sync;
    }

    public void recordingStarted() {
        active.incrementAndGet();
    }

    public void recordingEnded(boolean ok) {
        active.decrementAndGet();
        (ok ? completed : failed).increment();
    }

    public void recordingRecovered() {
        recovered.increment();
    }

    public int active() {
        return active.get();
    }
}
