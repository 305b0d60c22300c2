package dev.quorum.api.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URLs the API accepts for the server to call or store (status callbacks, storage URLs): an
 * absolute {@code http} or {@code https} URL with a host, a port (if given) between 1 and 65535,
 * no credentials ({@code user:password@}: this server would not send them) and at most
 * {@link #MAX_LENGTH} characters. Checked in full here so that a URL that passed the API is one
 * the HTTP client can send to.
 */
public final class WebUrl {

    public static final int MAX_LENGTH = 2048;

    private WebUrl() {}

    /**
     * What is wrong with {@code text} as a URL, phrased to follow "&lt;Parameter&gt; must be …", or
     * null when it is acceptable.
     */
    public static String problem(String text) {
        if (text.length() > MAX_LENGTH) {
            return "at most " + MAX_LENGTH + " characters long";
        }
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            return "a valid absolute http or https URL (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.isOpaque()) {
            return "an absolute http or https URL";
        }
        if (u.getRawUserInfo() != null) {
            return "a URL without credentials (user:password@): this server does not send them";
        }
        // A port out of range, or a host with characters a host name cannot have, leaves the
        // authority unparsed as a host: both are reported as no valid host.
        if (u.getHost() == null || u.getHost().isEmpty()) {
            return "an http or https URL with a valid host name or IP address and a port between 1 and 65535";
        }
        if (u.getPort() == 0 || u.getPort() > 65535) {
            return "an http or https URL with a port between 1 and 65535";
        }
        return null;
    }

    /** The port {@code u} reaches: its own, else the scheme's default. */
    public static int port(URI u) {
        if (u.getPort() > 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
