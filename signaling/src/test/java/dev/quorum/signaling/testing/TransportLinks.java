package dev.quorum.signaling.testing;

import dev.quorum.sfu.room.IceCandidate;
import dev.quorum.sfu.room.TransportDescription;
import dev.quorum.sfu.room.link.MediaLink;
import dev.quorum.sfu.room.link.MediaLinkFactory;
import dev.quorum.sfu.transport.CloseReason;
import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.MediaBuffers;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.sfu.transport.Transport;
import dev.quorum.sfu.transport.TransportState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's transports over the real media port, for the end-to-end tests: a {@link MediaLink}
 * per peer connection backed by a {@link Transport} on the room's event loop.
 */
public final class TransportLinks implements MediaLinkFactory {

    private final MediaPort port;

    public TransportLinks(MediaPort port) {
        this.port = port;
    }

    @Override
    public MediaLink create(String label, EventLoop loop, MediaLink.Listener listener) {
        Transport transport = port.createTransport(loop, new Transport.Listener() {
            @Override
            public void onConnected() {
                listener.onConnected();
            }

            @Override
            public void onRtp(ByteBuf packet, long receivedAtNanos) {
                try {
                    listener.onRtp(packet, receivedAtNanos);
                } finally {
                    packet.release();
                }
            }

            @Override
            public void onRtcp(ByteBuf packet, long receivedAtNanos) {
                try {
                    listener.onRtcp(packet, receivedAtNanos);
                } finally {
                    packet.release();
                }
            }

            @Override
            public void onClosed(CloseReason reason) {
                listener.onClosed(reason.name().toLowerCase());
            }
        });
        return new Link(transport);
    }

    private static final class Link implements MediaLink {
        private final Transport transport;
        private TransportDescription description;

        Link(Transport transport) {
            this.transport = transport;
            this.description = describe(transport.description());
        }

        @Override
        public TransportDescription description() {
            return description;
        }

        @Override
        public void setRemoteFingerprint(String algorithm, String fingerprint) {
            transport.setRemoteFingerprint(new DtlsFingerprint(algorithm, fingerprint));
        }

        @Override
        public TransportDescription restartIce() {
            IceCredentials fresh = transport.restartIce();
            TransportDescription d = description;
            description = new TransportDescription(fresh.ufrag(), fresh.password(), d.fingerprintAlgorithm(),
                    d.fingerprint(), d.candidates());
            return description;
        }

        @Override
        public ByteBuf allocate(int length) {
            return MediaBuffers.allocate(length);
        }

        @Override
        public ByteBufAllocator allocator() {
            return MediaBuffers.ALLOCATOR;
        }

        @Override
        public boolean sendRtp(ByteBuf packet) {
            return transport.sendRtp(packet);
        }

        @Override
        public boolean sendRtcp(ByteBuf packet) {
            return transport.sendRtcp(packet);
        }

        @Override
        public boolean connected() {
            return transport.state() == TransportState.CONNECTED;
        }

        @Override
        public void close() {
            transport.close();
        }
    }

    static TransportDescription describe(dev.quorum.sfu.transport.TransportDescription t) {
        List<IceCandidate> candidates = new ArrayList<>();
        for (dev.quorum.sfu.transport.IceCandidate c : t.candidates()) {
            boolean tcp = c.protocol() == dev.quorum.sfu.transport.IceCandidate.Protocol.TCP;
            String address = c.address().getHostAddress();
            int zone = address.indexOf('%');
            candidates.add(new IceCandidate(c.foundation(), dev.quorum.sfu.transport.IceCandidate.COMPONENT,
                    tcp ? "tcp" : "udp", c.priority(), zone >= 0 ? address.substring(0, zone) : address, c.port(), "host",
                    tcp ? "passive" : null));
        }
        return new TransportDescription(t.ice().ufrag(), t.ice().password(), t.fingerprint().algorithm(),
                t.fingerprint().hex(), candidates);
    }
}
