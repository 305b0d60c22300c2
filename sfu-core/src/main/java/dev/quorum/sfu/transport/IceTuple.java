package dev.quorum.sfu.transport;

import java.net.InetSocketAddress;

/**
 * A path to the peer that a valid ICE check came over: a UDP source address on the media port,
 * or one ICE-TCP connection. Media goes to the selected tuple.
 */
public sealed interface IceTuple permits UdpTuple, TcpTuple {

    /** The peer's address as seen by the media port (its peer-reflexive candidate). */
    InetSocketAddress remoteAddress();

    /** UDP or TCP. */
    IceCandidate.Protocol protocol();
}
