package dev.quorum.recorder.pipeline;

import dev.quorum.rtp.PacketStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumSet;
import java.util.Set;
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
 *   <li>the packet ledger of stage {@code recorder} ({@link PacketStage}): RTP packets handed to a
 *       recording (in), pushed into its depacketizer (out), or dropped before it, by
 *       {@link DropReason} ({@link #PACKET_REASONS})</li>
 *   <li>{@code quorum.recorder.frames.dropped{reason}} — what the depacketizer and the file writer
 *       left out after the packets were counted out of the ledger: whole or partial frames</li>
 *   <li>{@code quorum.recorder.packets.lost} — sequence numbers never received within the reorder window</li>
 *   <li>{@code quorum.recorder.keyframe.requests} — keyframes asked for</li>
 *   <li>{@code quorum.recorder.file.bytes} — bytes written to recording files</li>
 *   <li>{@code quorum.recorder.flush} / {@code quorum.recorder.sync} — time to hand buffered bytes
 *       to the OS / to force files to disk</li>
 *   <li>{@code quorum.recorder.recordings{outcome}} — recordings finished: completed, failed, recovered</li>
 * </ul>
 */
public final class RecorderMetrics {

    /** The reasons a packet is dropped before it reaches the depacketizer. */
    static final Set<DropReason> PACKET_REASONS = EnumSet.of(
            DropReason.QUEUE_FULL,
            DropReason.PAUSED,
            DropReason.MUTED,
            DropReason.CLOSED,
            DropReason.MALFORMED,
            DropReason.UNSUPPORTED_CODEC,
            DropReason.UNEXPECTED_PAYLOAD_TYPE,
            DropReason.DUPLICATE,
            DropReason.LATE,
            DropReason.RECORDING_FAILED);

    private final PacketStage<DropReason> stage;
    private final Counter[] frameDrops = new Counter[DropReason.values().length];
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
        stage = new PacketStage<>(registry, "recorder", DropReason.class, PACKET_REASONS);
        for (DropReason r : DropReason.values()) {
            frameDrops[r.ordinal()] = Counter.builder("quorum.recorder.frames.dropped")
                    .tag("reason", r.tag())
                    .description("Frames (or parts of frames) the depacketizer or the file writer left out")
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

    /** A packet handed to a recording: it enters stage {@code recorder}. */
    public void packetIn() {
        stage.in();
    }

    /** A packet of stage {@code recorder} dropped before the depacketizer. */
    public void packetDropped(DropReason reason) {
        stage.drop(reason);
    }

    /** Left out by the depacketizer or the writer (after the packet left stage {@code recorder}). */
    public void frameDropped(DropReason reason) {
        frameDrops[reason.ordinal()].increment();
    }

    /** A packet pushed into the depacketizer: it leaves stage {@code recorder}. */
    public void packet(int bytes) {
        stage.out();
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
