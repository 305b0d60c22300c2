package dev.quorum.bench.rtp;

import dev.quorum.rtp.rtcp.ReceiverReport;
import dev.quorum.rtp.rtcp.ReportBlock;
import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.rtp.rtcp.RtcpParser;
import dev.quorum.rtp.rtcp.RtcpReader;
import dev.quorum.rtp.rtcp.RtcpResult;
import dev.quorum.rtp.rtcp.SenderReport;
import dev.quorum.rtp.rtcp.SourceDescription;
import dev.quorum.rtp.rtcp.TransportWideFeedback;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
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
 * RTCP parsing: a compound SR + RR + SDES datagram walked with the allocation-free reader and
 * parsed into records, and a transport-cc feedback for 100 packets (runs, losses, large deltas).
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtcpParseBenchmark {

    private final RtcpReader reader = new RtcpReader();
    private ByteBuf compound;
    private ByteBuf transportCc;

    @Setup
    public void setUp() {
        ReportBlock block = new ReportBlock(0x5566_7788L, 3, 12, 0x1_0005, 40, 0x3D4E_8000L, 0x8000);
        compound = write(List.of(
                new SenderReport(0x1122_3344L, 0xE12C_3D4E_8000_0000L, 123_456, 1000, 1_100_000, List.of(block), null),
                new ReceiverReport(0x1122_3344L, List.of(block, block)),
                SourceDescription.ofCname(0x1122_3344L, "3ZbKyGqIaeVAfUfJ")));
        TransportWideFeedback.Builder builder = new TransportWideFeedback.Builder(1, 2, 4000, 0x10_0000, 7);
        for (int i = 0; i < 100; i++) {
            if (i % 17 == 5) {
                builder.lost();
            } else {
                builder.received(i % 23 == 0 ? 400 : 4 + i % 9);
            }
        }
        transportCc = write(List.of(builder.build()));
    }

    private static ByteBuf write(List<RtcpPacket> packets) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(RtcpParser.compoundLength(packets));
        RtcpParser.writeCompound(packets, buf);
        return buf;
    }

    @TearDown
    public void tearDown() {
        compound.release();
        transportCc.release();
    }

    /** Header walk of SR + RR + SDES, reading the sender SSRCs: the hot path's first pass. */
    @Benchmark
    public long compoundWalk() {
        long sum = 0;
        if (reader.reset(compound)) {
            while (reader.next()) {
                sum += reader.packetType() + reader.senderSsrc();
            }
        }
        return sum;
    }

    /** SR + RR + SDES into records. */
    @Benchmark
    public RtcpResult<List<RtcpPacket>> compoundToRecords() {
        return RtcpParser.parse(compound);
    }

    /** A 100-packet transport-cc feedback into statuses and deltas. */
    @Benchmark
    public RtcpResult<TransportWideFeedback> transportCcFeedback() {
        return TransportWideFeedback.parse(transportCc);
    }
}
