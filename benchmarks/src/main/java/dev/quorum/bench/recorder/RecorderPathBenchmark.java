package dev.quorum.bench.recorder;

import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.pipeline.PublisherClock;
import dev.quorum.recorder.pipeline.TrackRecorder;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packets recorded per second on one core through the whole recording path: {@code onRtp} (the
 * tap) → bounded queue → parse → reorder buffer → rtp depacketizer → Matroska writer → file, the
 * recorder thread's work being done on the benchmark thread every 32 packets. Files go to tmpfs
 * when there is one, so the figure is the recorder's CPU cost, not the disk's speed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecorderPathBenchmark {

    @Param({"VP8", "opus"})
    public String codec;

    private RecorderBench bench;
    private TrackRecorder recorder;
    private ByteBuf[] packets;
    private int framePackets;
    private int next;
    private int sequence;
    private long frame;
    private long count;
    private long ticksPerFrame;

    @Setup(Level.Trial)
    public void setUpTrial() {
        bench = new RecorderBench(RecorderConfig.defaults());
        int[] fp = new int[1];
        packets = RecorderBench.stream(codec, fp);
        framePackets = fp[0];
        ticksPerFrame = codec.equalsIgnoreCase("opus") ? 960 : 3000;
    }

    @Setup(Level.Iteration)
    public void setUpIteration() {
        recorder =
                new TrackRecorder(RecorderBench.track(codec), () -> {}, bench.services, new PublisherClock(), () -> {});
        next = 0;
        frame = 0;
    }

    @Benchmark
    public void recordPacket() {
        ByteBuf p = packets[next];
        p.setShort(2, sequence++);
        p.setInt(4, (int) (frame * ticksPerFrame));
        recorder.onRtp(p, frame * 20_000_000L);
        if (++next == packets.length) {
            next = 0;
        }
        if (next % framePackets == 0) {
            frame++;
        }
        if ((++count & 31) == 0) {
            recorder.service(System.nanoTime());
        }
    }

    @TearDown(Level.Iteration)
    public void tearDownIteration() {
        recorder.close();
        while (!recorder.finished()) {
            recorder.service(System.nanoTime());
        }
        bench.lifecycle.barrier().join();
        bench.deleteMedia();
    }

    @TearDown(Level.Trial)
    public void tearDownTrial() {
        for (ByteBuf p : packets) {
            p.release();
        }
        bench.close();
    }
}
