package dev.quorum.sfu.transport;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A local host candidate for the SDP answer (RFC 8839 §5.1; TCP per RFC 6544 §4.5).
 *
 * @param foundation  candidate foundation (same for candidates of the same type, base and protocol)
 * @param protocol    {@code udp} or {@code tcp}
 * @param priority    RFC 8445 §5.1.2 priority
 * @param address     the address clients should send to (announced, not necessarily bound)
 * @param port        the media port
 */
public record IceCandidate(String foundation, Protocol protocol, long priority, InetAddress address, int port) {

    /** The transport protocol of a candidate. */
    public enum Protocol {
        UDP,
        TCP
    }

    /** The component: one, since RTCP is multiplexed (a=rtcp-mux) and everything is bundled. */
    public static final int COMPONENT = 1;

    /**
     * The value of an SDP {@code a=candidate} attribute, e.g.
     * {@code candidate:1 1 udp 2130706431 203.0.113.7 10000 typ host} or, for TCP,
     * {@code … tcp … typ host tcptype passive}.
     */
    public String toSdpValue() {
        StringBuilder b = new StringBuilder("candidate:")
                .append(foundation)
                .append(' ')
                .append(COMPONENT)
                .append(' ')
                .append(protocol == Protocol.UDP ? "udp" : "tcp")
                .append(' ')
                .append(priority)
                .append(' ')
                .append(host())
                .append(' ')
                .append(port)
                .append(" typ host");
        if (protocol == Protocol.TCP) {
            b.append(" tcptype passive");
        }
        return b.toString();
    }

    /** The address as SDP writes it: IPv4 dotted, IPv6 without a zone. */
    public String host() {
        String s = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int zone = s.indexOf('%');
            return zone >= 0 ? s.substring(0, zone) : s;
        }
        return s;
    }

    /**
     * Host candidate priority (RFC 8445 §5.1.2.1, type preference 126). UDP candidates rank above
     * TCP ones; for TCP the local preference follows RFC 6544 §4.2 (passive direction = 4).
     *
     * @param index position of the address in the announced list (earlier ranks higher)
     */
    static long hostPriority(Protocol protocol, int index) {
        int localPreference =
                protocol == Protocol.UDP ? 65535 - Math.min(index, 8191) : (4 << 13) + (8191 - Math.min(index, 8191));
        return (126L << 24) + ((long) localPreference << 8) + (256 - COMPONENT);
    }
}
