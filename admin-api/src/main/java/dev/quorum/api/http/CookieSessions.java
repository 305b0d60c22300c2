package dev.quorum.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The web console's sign-ins as the APIs' authentication sees them: the value of the session
 * cookie leads to the account it acts for and the CSRF token its changes must carry. Implemented
 * by {@link dev.quorum.api.console.ConsoleSessions}.
 */
public interface CookieSessions {

    /** The session cookie's name. */
    String COOKIE = "quorum_console";

    /** The header a console change carries its CSRF token in. */
    String CSRF_HEADER = "X-Quorum-Csrf";

    /** A live session: who it acts for and the token its changes must carry. */
    record Session(Principal principal, String csrfToken) {

        /** True when {@code header} is this session's CSRF token (compared in constant time). */
        public boolean allowsChange(String header) {
            return header != null
                    && MessageDigest.isEqual(
                            csrfToken.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The session a cookie value names, if it is live: not signed out, not past its idle or maximum
     * time, and its account, key and secret unchanged since it signed in. Blocks on the metadata store.
     */
    Optional<Session> find(String cookieValue);

    /** True for the methods that change nothing and need no CSRF token. */
    static boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
