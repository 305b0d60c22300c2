package dev.quorum.signaling.sdp;

import java.util.List;
import java.util.Locale;

/**
 * {@code a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>
 * [<name> <value>]…} (RFC 8839 §5.1). The extension pairs after the type ({@code raddr},
 * {@code rport}, {@code tcptype}, {@code generation}, …) are kept in order.
 *
 * @param transport  {@code udp} or {@code tcp}, lower case
 * @param extensions name/value pairs after {@code typ <type>}, flattened: name, value, name, …
 */
public record Candidate(
        String foundation,
        int component,
        String transport,
        long priority,
        String address,
        int port,
        String type,
        List<String> extensions) {

    public Candidate {
        transport = transport.toLowerCase(Locale.ROOT);
        extensions = List.copyOf(extensions);
        if (extensions.size() % 2 != 0) {
            throw new IllegalArgumentException("candidate extensions must be name/value pairs: " + extensions);
        }
    }

    /** A host candidate on UDP. */
    public static Candidate udpHost(String foundation, long priority, String address, int port) {
        return new Candidate(foundation, 1, "udp", priority, address, port, "host", List.of("generation", "0"));
    }

    /** A passive host candidate on TCP (RFC 6544), for clients whose UDP is blocked. */
    public static Candidate tcpPassiveHost(String foundation, long priority, String address, int port) {
        return new Candidate(
                foundation,
                1,
                "tcp",
                priority,
                address,
                port,
                "host",
                List.of("tcptype", "passive", "generation", "0"));
    }

    /** The value of an extension such as {@code tcptype}, or null. */
    public String extension(String name) {
        for (int i = 0; i < extensions.size(); i += 2) {
            if (extensions.get(i).equals(name)) {
                return extensions.get(i + 1);
            }
        }
        return null;
    }

    public String text() {
        StringBuilder b = new StringBuilder()
                .append(foundation)
                .append(' ')
                .append(component)
                .append(' ')
                .append(transport)
                .append(' ')
                .append(priority)
                .append(' ')
                .append(address)
                .append(' ')
                .append(port)
                .append(" typ ")
                .append(type);
        for (String e : extensions) {
            b.append(' ').append(e);
        }
        return b.toString();
    }
}
