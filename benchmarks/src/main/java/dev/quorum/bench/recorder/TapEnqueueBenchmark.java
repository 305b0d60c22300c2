package dev.quorum.bench.recorder;

import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.pipeline.PacketQueue;
import dev.quorum.recorder.pipeline.PublisherClock;
import dev.quorum.recorder.pipeline.TrackRecorder;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SFU's side of the tap: what a room's event loop pays per packet handed to the recorder
 * (ownership moves; no copy). {@code enqueue} is the queue a {@code TrackSink.onRtp} offers into,
 * drained by a releasing consumer; {@code queueFull} and {@code paused} are {@code onRtp} itself
 * when it must drop (release and count). Target: no allocation ({@code -prof gc}: 0 B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TapEnqueueBenchmark {

    private RecorderBench bench;
    private ByteBuf packet;
    private final PacketQueue queue = new PacketQueue(RecorderConfig.DEFAULT_QUEUE_CAPACITY);
    private final PacketQueue.Handler release = new PacketQueue.Handler() {
        @Override
        public void onRtp(ByteBuf p, long arrivalNanos) {
            p.release();
        }

        @Override
        public void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {}
    };
    private TrackRecorder full;
    private TrackRecorder paused;

    @Setup
    public void setUp() {
        bench = new RecorderBench(RecorderConfig.defaults().withQueueCapacity(16));
        packet = RecorderBench.stream("opus", new int[1])[0];
        full = new TrackRecorder(RecorderBench.track("opus"), () -> {}, bench.services, new PublisherClock(), () -> {});
        for (int i = 0; i < 16; i++) {
            full.onRtp(packet, 0);
        }
        paused = new TrackRecorder(
                RecorderBench.track("opus"), () -> {}, bench.services, new PublisherClock(), () -> {});
        paused.onPaused(true);
    }

    @Benchmark
    public int enqueue() {
        queue.offerRtp(packet.retain(), 1);
        return queue.drain(release, 1);
    }

    @Benchmark
    public void queueFull() {
        full.onRtp(packet, 1);
    }

    @Benchmark
    public void pausedTrack() {
        paused.onRtp(packet, 1);
    }

    @TearDown
    public void tearDown() {
        full.abort(new IllegalStateException("benchmark over"));
        paused.close();
        paused.service(0);
        packet.release();
        bench.close();
    }
}
