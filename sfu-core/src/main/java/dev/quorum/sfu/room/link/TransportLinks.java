package dev.quorum.sfu.room.link;

import dev.quorum.sfu.transport.CloseReason;
import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.MediaBuffers;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.sfu.transport.Transport;
import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.sfu.transport.TransportState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.Objects;

/**
 * Media links over the server's media port: each link is one {@link Transport} on the room's
 * event loop (the port's loops are the rooms' loops, so packets arrive where the room lives).
 */
public final class TransportLinks implements MediaLinkFactory {

    private final MediaPort port;

    public TransportLinks(MediaPort port) {
        this.port = Objects.requireNonNull(port, "port");
    }

    @Override
    public MediaLink create(String label, EventLoop loop, MediaLink.Listener listener) {
        return new Link(port, loop, listener);
    }

    /** One transport seen as a {@link MediaLink}. */
    private static final class Link implements MediaLink, Transport.Listener {

        private final MediaLink.Listener listener;
        private final Transport transport;

        Link(MediaPort port, EventLoop loop, MediaLink.Listener listener) {
            this.listener = listener;
            this.transport = port.createTransport(loop, this);
        }

        @Override
        public TransportDescription description() {
            return transport.description();
        }

        @Override
        public void setRemoteFingerprint(String algorithm, String fingerprint) {
            transport.setRemoteFingerprint(new DtlsFingerprint(algorithm, fingerprint));
        }

        @Override
        public TransportDescription restartIce() {
            transport.restartIce();
            return transport.description();
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

        // Transport.Listener: the engine borrows the packet, as the link does.

        @Override
        public void onConnected() {
            listener.onConnected();
        }

        @Override
        public void onRtp(ByteBuf packet, long receivedAtNanos) {
            listener.onRtp(packet, receivedAtNanos);
        }

        @Override
        public void onRtcp(ByteBuf packet, long receivedAtNanos) {
            listener.onRtcp(packet, receivedAtNanos);
        }

        @Override
        public void onClosed(CloseReason reason) {
            listener.onClosed(
                    ending(reason),
                    reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }

    static MediaLink.Ending ending(CloseReason reason) {
        if (reason.isFailure()) {
            return MediaLink.Ending.FAILED;
        }
        return reason == CloseReason.DTLS_CLOSED_BY_PEER
                ? MediaLink.Ending.CLOSED_BY_PEER
                : MediaLink.Ending.CLOSED_LOCALLY;
    }
}
