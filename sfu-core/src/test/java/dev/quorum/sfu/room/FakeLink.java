package dev.quorum.sfu.room;

import dev.quorum.sfu.room.link.MediaLink;
import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.IceCandidate;
import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.TransportDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A media transport without a network: what the engine sends is kept for the test to read (and
 * released at the end), what the test injects reaches the engine on the room's loop as if it had
 * been received and decrypted.
 */
final class FakeLink implements MediaLink {

    final String label;
    final EventLoop loop;
    final MediaLink.Listener listener;
    final List<ByteBuf> rtp = new ArrayList<>();
    final List<ByteBuf> rtcp = new ArrayList<>();
    volatile String remoteFingerprint;
    volatile boolean connected;
    volatile boolean closed;
    volatile int iceRestarts;
    /** When false, sends fail (as when a socket is not writable). */
    volatile boolean writable = true;

    FakeLink(String label, EventLoop loop, MediaLink.Listener listener) {
        this.label = label;
        this.loop = loop;
        this.listener = listener;
    }

    @Override
    public TransportDescription description() {
        return new TransportDescription(
                new IceCredentials("ufrag" + iceRestarts, "pwd0123456789012345678901"),
                new DtlsFingerprint(
                        "sha-256",
                        "3C:4A:AA:B9:6C:8F:42:51:05:F2:5E:9A:7A:3F:8E:4C:"
                                + "4D:7E:21:0B:5F:03:AE:11:8D:9C:61:22:F0:77:4E:19"),
                List.of(new IceCandidate(
                        "1", IceCandidate.Protocol.UDP, 2130706431L, InetAddress.getLoopbackAddress(), 10000)));
    }

    @Override
    public void setRemoteFingerprint(String algorithm, String fingerprint) {
        remoteFingerprint = algorithm + " " + fingerprint;
    }

    @Override
    public TransportDescription restartIce() {
        iceRestarts++;
        return description();
    }

    @Override
    public ByteBuf allocate(int length) {
        return PooledByteBufAllocator.DEFAULT.heapBuffer(length + 32);
    }

    @Override
    public ByteBufAllocator allocator() {
        return PooledByteBufAllocator.DEFAULT;
    }

    @Override
    public boolean sendRtp(ByteBuf packet) {
        if (!writable || closed) {
            packet.release();
            return false;
        }
        synchronized (rtp) {
            rtp.add(packet);
        }
        return true;
    }

    @Override
    public boolean sendRtcp(ByteBuf packet) {
        if (closed) {
            packet.release();
            return false;
        }
        synchronized (rtcp) {
            rtcp.add(packet);
        }
        return true;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** DTLS completed (on the loop, as the transport would report it). */
    void connect() {
        run(() -> {
            connected = true;
            listener.onConnected();
        });
    }

    /** The client sent this RTP packet; released after the engine saw it. */
    void receiveRtp(ByteBuf packet, long arrivalNanos) {
        run(() -> {
            try {
                listener.onRtp(packet, arrivalNanos);
            } finally {
                packet.release();
            }
        });
    }

    /** The client sent this RTCP packet; released after the engine saw it. */
    void receiveRtcp(ByteBuf packet, long arrivalNanos) {
        run(() -> {
            try {
                listener.onRtcp(packet, arrivalNanos);
            } finally {
                packet.release();
            }
        });
    }

    /** The transport failed (consent lost, DTLS failure). */
    void fail(String reason) {
        run(() -> listener.onClosed(MediaLink.Ending.FAILED, reason));
    }

    /** The client closed its peer connection (DTLS close_notify). */
    void closeByPeer() {
        run(() -> listener.onClosed(MediaLink.Ending.CLOSED_BY_PEER, "dtls-closed-by-peer"));
    }

    /** Takes (and hands ownership of) the RTP packets sent so far. */
    List<ByteBuf> takeRtp() {
        synchronized (rtp) {
            List<ByteBuf> out = new ArrayList<>(rtp);
            rtp.clear();
            return out;
        }
    }

    /** Takes (and hands ownership of) the RTCP packets sent so far. */
    List<ByteBuf> takeRtcp() {
        synchronized (rtcp) {
            List<ByteBuf> out = new ArrayList<>(rtcp);
            rtcp.clear();
            return out;
        }
    }

    void releaseAll() {
        takeRtp().forEach(ByteBuf::release);
        takeRtcp().forEach(ByteBuf::release);
    }

    private void run(Runnable r) {
        try {
            loop.submit(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
