package dev.quorum.recorder.testing;

import dev.quorum.sfu.tap.TrackSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RTP packets ffmpeg's muxer makes of a source file, captured once (not in real time) so a
 * test can replay them with timing of its choosing.
 */
public final class CapturedStream {

    public final List<byte[]> packets;
    public final int clockRate;
    /** Media time (s) of the first packet: the source's first presentation time. */
    public final double firstPts;

    private CapturedStream(List<byte[]> packets, int clockRate, double firstPts) {
        this.packets = packets;
        this.clockRate = clockRate;
        this.firstPts = firstPts;
    }

    public static CapturedStream of(Path source, int payloadType, int clockRate) {
        List<byte[]> packets = new ArrayList<>();
        TrackSink capture = new TrackSink() {
            @Override
            public void onRtp(ByteBuf packet, long arrivalNanos) {
                synchronized (packets) {
                    packets.add(ByteBufUtil.getBytes(packet));
                }
            }

            @Override
            public void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {}

            @Override
            public void close() {}
        };
        List<Double> frames = Probe.packetTimes(source);
        try (RtpReceiver rx = new RtpReceiver(capture)) {
            List<String> args = new ArrayList<>(FfmpegSender.send(source, payloadType, rx.url()));
            args.remove("-re");
            FfmpegSender.run(args);
            // Every frame takes at least one packet; then wait until nothing more arrives.
            long deadline = System.nanoTime() + 10_000_000_000L;
            int last = -1;
            while (System.nanoTime() < deadline && (rx.packets() < frames.size() || rx.packets() != last)) {
                last = rx.packets();
                sleepQuietly();
            }
        }
        if (packets.size() < frames.size()) {
            throw new AssertionError("Captured " + packets.size() + " packets of " + frames.size() + " frames");
        }
        return new CapturedStream(packets, clockRate, frames.get(0));
    }

    /** RTP timestamp of packet {@code i}. */
    public long timestamp(int i) {
        byte[] p = packets.get(i);
        return ((p[4] & 0xFFL) << 24) | ((p[5] & 0xFFL) << 16) | ((p[6] & 0xFFL) << 8) | (p[7] & 0xFFL);
    }

    /** The stream's SSRC (of its first packet). */
    public long ssrc() {
        byte[] p = packets.get(0);
        return ((p[8] & 0xFFL) << 24) | ((p[9] & 0xFFL) << 16) | ((p[10] & 0xFFL) << 8) | (p[11] & 0xFFL);
    }

    /** The RTP timestamp the stream's clock gives media time {@code m} (s), as a sender report tells it. */
    public long senderRtp(double m) {
        return timestamp(0) + Math.round((m - firstPts) * clockRate);
    }

    /** Media time (s) of packet {@code i}: the source's presentation time. */
    public double mediaTime(int i) {
        long ticks = (timestamp(i) - timestamp(0)) & 0xFFFF_FFFFL;
        return firstPts + (double) ticks / clockRate;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
