package dev.quorum.signaling.testing;

import dev.quorum.sfu.room.link.MediaLink;
import dev.quorum.sfu.room.link.MediaLinkFactory;
import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.IceCandidate;
import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.TransportDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transports that describe themselves but never connect: the engine and signaling run their whole
 * negotiation, browsers accept the descriptions, and no media flows.
 */
public final class NullLinks implements MediaLinkFactory {

    private final AtomicInteger created = new AtomicInteger();

    @Override
    public MediaLink create(String label, EventLoop loop, MediaLink.Listener listener) {
        int n = created.incrementAndGet();
        return new MediaLink() {
            TransportDescription description = describe(n, 0);
            int restarts;

            @Override
            public TransportDescription description() {
                return description;
            }

            @Override
            public void setRemoteFingerprint(String algorithm, String fingerprint) {}

            @Override
            public TransportDescription restartIce() {
                description = describe(n, ++restarts);
                return description;
            }

            @Override
            public ByteBuf allocate(int length) {
                return allocator().buffer(length + 32);
            }

            @Override
            public ByteBufAllocator allocator() {
                return UnpooledByteBufAllocator.DEFAULT;
            }

            @Override
            public boolean sendRtp(ByteBuf packet) {
                packet.release();
                return false;
            }

            @Override
            public boolean sendRtcp(ByteBuf packet) {
                packet.release();
                return false;
            }

            @Override
            public boolean connected() {
                return false;
            }

            @Override
            public void close() {}
        };
    }

    public int created() {
        return created.get();
    }

    private static TransportDescription describe(int n, int generation) {
        return new TransportDescription(
                new IceCredentials("nl" + n + "g" + generation, "nulllinkpassword0000000" + n + generation),
                new DtlsFingerprint("sha-256", TestDescriptions.FINGERPRINT),
                List.of(new IceCandidate(
                        "1", IceCandidate.Protocol.UDP, 2130706431L, InetAddress.getLoopbackAddress(), 9)));
    }
}
