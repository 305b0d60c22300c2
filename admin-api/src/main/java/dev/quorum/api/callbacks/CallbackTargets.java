package dev.quorum.api.callbacks;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.WebUrl;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where status callbacks may be sent. Tenants choose their callback URLs, so without a limit any
 * of them could make the server call into the server's own network: loopback, private and
 * link-local addresses (cloud metadata services live at 169.254.169.254). Outside development
 * mode such addresses are refused unless the operator allows the network or the host name
 * ({@code callbacks.allowed-networks}).
 *
 * <p>The check runs when a callback is sent, on the addresses its host name resolves to, and the
 * callback then goes to the address that passed: a DNS answer cannot point it elsewhere
 * afterwards. The API also refuses a URL whose host is a refused IP literal or {@code localhost},
 * so the mistake shows when the resource is created.
 */
public final class CallbackTargets {

    /** Every address, as in development mode. */
    public static final CallbackTargets ANY = new CallbackTargets(true, List.of(), Set.of());

    private static final Pattern IPV4_LITERAL =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final List<Network> INTERNAL_V4 =
            List.of(Network.parse("0.0.0.0/8"), Network.parse("100.64.0.0/10"), Network.parse("255.255.255.255/32"));
    private static final Network UNIQUE_LOCAL_V6 = Network.parse("fc00::/7");

    private final boolean anyAddress;
    private final List<Network> networks;
    private final Set<String> hosts;

    private CallbackTargets(boolean anyAddress, List<Network> networks, Set<String> hosts) {
        this.anyAddress = anyAddress;
        this.networks = networks;
        this.hosts = hosts;
    }

    /**
     * Public addresses, plus the networks (CIDR such as {@code 10.1.0.0/16}, or one address) and
     * host names (matched exactly, without resolving them) in {@code allowed}.
     *
     * @throws IllegalArgumentException naming an entry that is neither
     */
    public static CallbackTargets publicOnly(List<String> allowed) {
        List<Network> networks = new ArrayList<>();
        Set<String> hosts = new TreeSet<>();
        for (String raw : allowed) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/")
                    || entry.contains(":")
                    || IPV4_LITERAL.matcher(entry).matches()) {
                networks.add(Network.parse(entry));
            } else if (HOST_NAME.matcher(entry).matches()) {
                hosts.add(entry);
            } else {
                throw new IllegalArgumentException(
                        "'" + raw + "' is neither a network (10.0.0.0/8, fd00::/8, 192.0.2.7)" + " nor a host name");
            }
        }
        return new CallbackTargets(false, List.copyOf(networks), Set.copyOf(hosts));
    }

    /**
     * The callback URL in parameter {@code name}, or null when absent: a URL {@link WebUrl}
     * accepts, whose host, when it is an IP literal or {@code localhost}, this policy allows (host
     * names are checked when a callback is sent).
     *
     * @throws ApiException 400 naming the parameter
     */
    public String url(Params p, String name) {
        String v = p.url(name);
        String refusal = v == null ? null : refusalOfLiteral(URI.create(v));
        if (refusal != null) {
            throw ApiException.invalid(name, name + " must point to " + refusal + ", got '" + v + "'");
        }
        return v;
    }

    private String refusalOfLiteral(URI url) {
        String host = host(url);
        if (anyAddress || hosts.contains(host)) {
            return null;
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return refusal(host, InetAddress.getLoopbackAddress());
        }
        if (!IPV4_LITERAL.matcher(host).matches() && !host.contains(":")) {
            return null;
        }
        try {
            return refusal(host, InetAddress.getByName(host)); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return "a valid IP address";
        }
    }

    /**
     * The address to send a callback for {@code url} to: null when this policy lets the HTTP
     * client resolve the name itself; otherwise the first address of the name that may be
     * called, or a failure: a {@link Refused} when none may, an {@link UnknownHostException} when
     * the name does not resolve. Resolution blocks, so it runs on {@code resolver}.
     */
    Future<SocketAddress> resolve(WorkerExecutor resolver, URI url) {
        String host = host(url);
        if (anyAddress || hosts.contains(host)) {
            return Future.succeededFuture(null);
        }
        return resolver.executeBlocking(
                () -> {
                    InetAddress[] all = InetAddress.getAllByName(host);
                    for (InetAddress a : all) {
                        if (refusal(host, a) == null) {
                            return SocketAddress.inetSocketAddress(WebUrl.port(url), a.getHostAddress());
                        }
                    }
                    throw new Refused("the callback URL must point to " + refusal(host, all[0]));
                },
                false);
    }

    /** A callback refused by this policy: never sent, given up at once. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private String refusal(String host, InetAddress a) {
        if (!internal(a) || networks.stream().anyMatch(n -> n.contains(a))) {
            return null;
        }
        return "a public address, not " + host
                + (host.equals(a.getHostAddress()) ? "" : " (" + a.getHostAddress() + ")")
                + ": loopback, private and link-local addresses are refused unless the operator allows them"
                + " (callbacks.allowed-networks)";
    }

    /** Loopback, private (RFC 1918, RFC 4193), link-local, shared (RFC 6598), unspecified, multicast. */
    static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        return a.getAddress().length == 4
                ? INTERNAL_V4.stream().anyMatch(n -> n.contains(a))
                : UNIQUE_LOCAL_V6.contains(a);
    }

    private static String host(URI url) {
        String h = url.getHost().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** An address block: {@code prefix} leading bits of {@code address}. */
    record Network(byte[] address, int prefix) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String addr = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!IPV4_LITERAL.matcher(addr).matches() && !addr.contains(":")) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network such as 10.0.0.0/8 or fd00::/8");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(addr).getAddress(); // a literal: no DNS lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network such as 10.0.0.0/8 or fd00::/8");
            }
            int bits = bytes.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bits);
            }
            return new Network(bytes, prefix);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != address.length) {
                return false;
            }
            for (int i = 0; i < prefix; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((b[i / 8] & mask) != (address[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
