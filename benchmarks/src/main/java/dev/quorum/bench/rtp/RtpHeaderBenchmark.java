package dev.quorum.bench.rtp;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.RtpPacketBuilder;
import dev.quorum.rtp.ext.TransportWideSequenceNumber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The forwarding path's per-packet header work on a Chrome-like video packet (one-byte extensions
 * for audio level, abs-send-time, transport-cc, mid and rid; 1,100-byte payload): parse into a
 * reused view, then rewrite sequence number, timestamp, SSRC and the transport-wide sequence
 * number in place. The packet sits in a pooled heap buffer, as on the SFU's receive path.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtpHeaderBenchmark {

    private static final int TRANSPORT_CC_ID = 3;
    private static final PooledByteBufAllocator HEAP = new PooledByteBufAllocator(false);

    private final RtpPacket view = new RtpPacket();
    private ByteBuf packet;
    private int sequence;

    @Setup
    public void setUp() {
        packet = new RtpPacketBuilder()
                .payloadType(96)
                .marker(true)
                .sequenceNumber(1000)
                .timestamp(90_000)
                .ssrc(0x1234_5678L)
                .extension(1, new byte[] {(byte) 0x90})
                .extension(2, new byte[] {1, 2, 3})
                .extension(TRANSPORT_CC_ID, new byte[] {0, 1})
                .extension(4, "0".getBytes())
                .extension(10, "h".getBytes())
                .payload(new byte[1100])
                .build(HEAP);
    }

    @TearDown
    public void tearDown() {
        packet.release();
    }

    /** Parse only: header, CSRCs, extension block validation, padding. */
    @Benchmark
    public Object parse() {
        return view.wrap(packet);
    }

    /** What a subscription does to each forwarded packet. */
    @Benchmark
    public int parseAndRewrite() {
        view.wrap(packet);
        int seq = sequence++;
        view.setSequenceNumber(seq);
        view.setTimestamp(3000L * seq);
        view.setSsrc(0xCAFE_BABEL);
        TransportWideSequenceNumber.write(view, TRANSPORT_CC_ID, seq);
        return view.payloadLength();
    }
}
