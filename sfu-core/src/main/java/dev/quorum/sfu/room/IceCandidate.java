package dev.quorum.sfu.room;

import java.util.Objects;

/**
 * A local ICE candidate of a transport, for {@code a=candidate} lines.
 *
 * @param foundation the candidate foundation
 * @param component  1 (RTP; rtcp-mux means there is no component 2)
 * @param protocol   {@code udp} or {@code tcp}
 * @param priority   RFC 8445 priority
 * @param address    IP address, as announced (may be a public address behind NAT)
 * @param port       port
 * @param type       {@code host}
 * @param tcpType    {@code passive} for ICE-TCP candidates, null for UDP
 */
public record IceCandidate(
        String foundation,
        int component,
        String protocol,
        long priority,
        String address,
        int port,
        String type,
        String tcpType) {

    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
    }

    /** The value of an {@code a=candidate:} attribute (without the {@code a=candidate:} prefix). */
    public String toSdpValue() {
        StringBuilder b = new StringBuilder()
                .append(foundation)
                .append(' ')
                .append(component)
                .append(' ')
                .append(protocol)
                .append(' ')
                .append(priority)
                .append(' ')
                .append(address)
                .append(' ')
                .append(port)
                .append(" typ ")
                .append(type);
        if (tcpType != null) {
            b.append(" tcptype ").append(tcpType);
        }
        return b.toString();
    }
}
