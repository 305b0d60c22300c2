package dev.quorum.recorder.testing;

import dev.quorum.sfu.tap.TrackSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives an RTP stream and its RTCP on loopback (ports p and p+1, as ffmpeg's RTP muxer sends
 * them) and feeds a {@link TrackSink} the way the SFU does: each RTP packet as a pooled buffer
 * whose ownership passes to the sink, each RTCP sender report as (NTP, RTP) with its arrival time.
 * An optional relay stage between socket and sink can drop, duplicate or reorder packets.
 */
public final class RtpReceiver implements AutoCloseable {

    /** Decides what reaches the sink; gets each packet (owned) and emits zero or more through the sink. */
    public interface Relay {
        void relay(ByteBuf packet, long arrivalNanos, TrackSink sink);

        /** Emits whatever the relay still holds. */
        default void drain(TrackSink sink) {}
    }

    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private final int port;
    private final TrackSink sink;
    private final Relay relay;
    private final Thread rtpThread;
    private final Thread rtcpThread;
    private final AtomicInteger packets = new AtomicInteger();
    private final AtomicInteger senderReports = new AtomicInteger();
    private final AtomicLong firstArrival = new AtomicLong();
    private final AtomicLong lastArrival = new AtomicLong();
    private volatile Exception failure;

    public RtpReceiver(TrackSink sink) {
        this(sink, (p, a, s) -> Lend.rtp(s, p, a));
    }

    public RtpReceiver(TrackSink sink, Relay relay) {
        this.sink = sink;
        this.relay = relay;
        DatagramChannel[] pair = bindPair();
        this.rtp = pair[0];
        this.rtcp = pair[1];
        this.port = ((InetSocketAddress) localAddress(rtp)).getPort();
        this.rtpThread = new Thread(this::receiveRtp, "rtp-receiver-" + port);
        this.rtcpThread = new Thread(this::receiveRtcp, "rtcp-receiver-" + port);
        rtpThread.start();
        rtcpThread.start();
    }

    /** The RTP port; RTCP is the next one. */
    public int port() {
        return port;
    }

    public String url() {
        return "rtp://127.0.0.1:" + port + "?rtcpport=" + (port + 1) + "&pkt_size=1200";
    }

    public int packets() {
        return packets.get();
    }

    public int senderReports() {
        return senderReports.get();
    }

    /** Nanoseconds between the first and the last RTP packet received. */
    public long spanNanos() {
        return lastArrival.get() - firstArrival.get();
    }

    private void receiveRtp() {
        ByteBuffer b = ByteBuffer.allocateDirect(2048);
        try {
            while (true) {
                b.clear();
                rtp.receive(b);
                long now = System.nanoTime();
                b.flip();
                ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(b.remaining());
                packet.writeBytes(b);
                if (packets.getAndIncrement() == 0) {
                    firstArrival.set(now);
                }
                lastArrival.set(now);
                relay.relay(packet, now, sink);
            }
        } catch (ClosedChannelException closed) {
            // stopped
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void receiveRtcp() {
        ByteBuffer b = ByteBuffer.allocate(2048);
        try {
            while (true) {
                b.clear();
                rtcp.receive(b);
                long now = System.nanoTime();
                b.flip();
                // The first packet of a compound RTCP packet; PT 200 is a sender report (RFC 3550 §6.4.1).
                if (b.remaining() >= 20 && (b.get(1) & 0xFF) == 200) {
                    senderReports.incrementAndGet();
                    sink.onSenderReport(b.getInt(4) & 0xFFFF_FFFFL, b.getLong(8), b.getInt(16) & 0xFFFF_FFFFL, now);
                }
            }
        } catch (ClosedChannelException closed) {
            // stopped
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** Stops receiving; hands whatever the relay holds to the sink (the sink is not closed). */
    @Override
    public void close() {
        try {
            rtp.close();
            rtcp.close();
            rtpThread.join(5_000);
            rtcpThread.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relay.drain(sink);
        if (failure != null) {
            throw new AssertionError("Receiving failed", failure);
        }
    }

    private static DatagramChannel[] bindPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p = 20_000 + 2 * ThreadLocalRandom.current().nextInt(10_000);
            DatagramChannel a = null;
            try {
                a = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", p));
                DatagramChannel b = DatagramChannel.open(StandardProtocolFamily.INET)
                        .bind(new InetSocketAddress("127.0.0.1", p + 1));
                a.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                return new DatagramChannel[] {a, b};
            } catch (IOException inUse) {
                if (a != null) {
                    try {
                        a.close();
                    } catch (IOException ignored) {
                        // nothing to do
                    }
                }
            }
        }
        throw new IllegalStateException("No free pair of UDP ports");
    }

    private static SocketAddress localAddress(DatagramChannel c) {
        try {
            return c.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
