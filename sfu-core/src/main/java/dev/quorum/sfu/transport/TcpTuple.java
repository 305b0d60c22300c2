package dev.quorum.sfu.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * One accepted ICE-TCP connection (RFC 6544, passive side). It belongs to no transport until a
 * valid check arrives on it; after that its frames go to that transport. Identity equality:
 * each connection is its own tuple.
 */
final class TcpTuple implements IceTuple {

    private final Channel channel;
    private final InetSocketAddress remote;
    private volatile DefaultTransport owner;

    TcpTuple(Channel channel) {
        this.channel = channel;
        this.remote = (InetSocketAddress) channel.remoteAddress();
    }

    Channel channel() {
        return channel;
    }

    /** The transport a valid check on this connection authenticated for, or null. */
    DefaultTransport owner() {
        return owner;
    }

    void bind(DefaultTransport transport) {
        this.owner = transport;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public IceCandidate.Protocol protocol() {
        return IceCandidate.Protocol.TCP;
    }

    @Override
    public String toString() {
        return "tcp " + remote;
    }
}
