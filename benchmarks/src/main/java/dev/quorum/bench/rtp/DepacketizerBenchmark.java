package dev.quorum.bench.rtp;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.RtpPacketBuilder;
import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.Depacketizers;
import dev.quorum.rtp.codec.Frame;
import dev.quorum.rtp.codec.PayloadError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost per packet of each depacketizer, parse of the RTP header included. Video frames are five
 * packets of about 1,000 bytes (VP8 and VP9 descriptors, H.264 STAP-A with SPS/PPS then FU-A, AV1
 * sequence header then a fragmented frame OBU); Opus is one 120-byte packet per frame. Sequence
 * numbers and timestamps are rewritten before each push so the stream never repeats; every frame
 * is emitted and released.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DepacketizerBenchmark {

    private static final int FRAGMENT = 1000;

    @Param({"VP8", "VP9", "H264", "AV1", "OPUS"})
    public Codec codec;

    private final RtpPacket view = new RtpPacket();
    private final List<ByteBuf> packets = new ArrayList<>();
    private Depacketizer depacketizer;
    private int next;
    private int sequence;
    private long frames;
    private long emitted;
    private long dropped;

    @Setup
    public void setUp() {
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        depacketizer = Depacketizers.create(
                codec,
                new Depacketizer.Listener() {
                    @Override
                    public void onFrame(Frame frame) {
                        emitted++;
                        frame.release();
                    }

                    @Override
                    public void onDropped(PayloadError reason) {
                        dropped++;
                    }
                },
                alloc,
                -1);
        Random random = new Random(1);
        List<byte[]> payloads = switch (codec) {
            case VP8 -> vp8(random);
            case VP9 -> vp9(random);
            case H264 -> h264(random);
            case AV1 -> av1(random);
            case OPUS -> List.of(concat(hex("FC"), bytes(random, 119)));
        };
        for (int i = 0; i < payloads.size(); i++) {
            packets.add(new RtpPacketBuilder()
                    .payloadType(96)
                    .ssrc(1)
                    .marker(i == payloads.size() - 1)
                    .payload(payloads.get(i))
                    .build(alloc));
        }
    }

    @TearDown
    public void tearDown() {
        if (dropped > 0 || emitted < frames) {
            throw new IllegalStateException(
                    codec + ": " + dropped + " drops, " + emitted + " of " + frames + " frames");
        }
        depacketizer.close();
        packets.forEach(ByteBuf::release);
    }

    @Benchmark
    public long pushOnePacket() {
        ByteBuf packet = packets.get(next);
        view.wrap(packet);
        view.setSequenceNumber(sequence++);
        view.setTimestamp(3000 * frames);
        depacketizer.push(view);
        if (++next == packets.size()) {
            next = 0;
            frames++;
        }
        return frames;
    }

    private static List<byte[]> split(byte[] data, int size) {
        List<byte[]> parts = new ArrayList<>();
        for (int at = 0; at < data.length; at += size) {
            parts.add(Arrays.copyOfRange(data, at, Math.min(data.length, at + size)));
        }
        return parts;
    }

    private static List<byte[]> vp8(Random random) {
        byte[] frame = concat(hex("50 2D 00 9D 01 2A 40 01 F0 00"), bytes(random, 5 * FRAGMENT - 10));
        List<byte[]> parts = split(frame, FRAGMENT);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            payloads.add(concat(hex(i == 0 ? "90 80 80 01" : "80 80 80 01"), parts.get(i)));
        }
        return payloads;
    }

    private static List<byte[]> vp9(Random random) {
        byte[] frame = concat(hex("82 49 83 42 20 13 F0 0E F0"), bytes(random, 5 * FRAGMENT - 9));
        List<byte[]> parts = split(frame, FRAGMENT);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int b0 = 0x80 | (i == 0 ? 0x08 : 0) | (i == parts.size() - 1 ? 0x04 : 0);
            payloads.add(concat(new byte[] {(byte) b0, (byte) 0x80, 1}, parts.get(i)));
        }
        return payloads;
    }

    private static List<byte[]> h264(Random random) {
        byte[] sps = hex("6742c00dd90141fb0110000003001000000303c0f142a480");
        byte[] pps = hex("68cb83cb20");
        List<byte[]> payloads = new ArrayList<>();
        payloads.add(concat(hex("78"), new byte[] {0, (byte) sps.length}, sps, new byte[] {0, (byte) pps.length}, pps));
        List<byte[]> parts = split(concat(hex("88 84"), bytes(random, 4 * FRAGMENT - 2)), FRAGMENT);
        for (int i = 0; i < parts.size(); i++) {
            int header = 0x05 | (i == 0 ? 0x80 : 0) | (i == parts.size() - 1 ? 0x40 : 0);
            payloads.add(concat(new byte[] {0x7C, (byte) header}, parts.get(i)));
        }
        return payloads;
    }

    private static List<byte[]> av1(Random random) {
        byte[] sequenceHeader = hex("08 00 00 00 04 3c ff bc da f9 00 40");
        List<byte[]> parts = split(concat(hex("30 10"), bytes(random, 5 * FRAGMENT - 2)), FRAGMENT);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            if (i == 0) {
                payloads.add(
                        concat(hex("68"), new byte[] {(byte) sequenceHeader.length}, sequenceHeader, parts.get(i)));
            } else {
                payloads.add(concat(new byte[] {(byte) (0x90 | (last ? 0 : 0x40))}, parts.get(i)));
            }
        }
        return payloads;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
