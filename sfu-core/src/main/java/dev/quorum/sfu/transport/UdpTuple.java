package dev.quorum.sfu.transport;

import java.net.InetSocketAddress;

/** A UDP source address; two tuples from the same address are the same tuple. */
record UdpTuple(InetSocketAddress remoteAddress) implements IceTuple {

    @Override
    public IceCandidate.Protocol protocol() {
        return IceCandidate.Protocol.UDP;
    }

    @Override
    public String toString() {
        return "udp " + remoteAddress;
    }
}
