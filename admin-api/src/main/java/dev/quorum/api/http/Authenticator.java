package dev.quorum.api.http;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.account.ApiKey;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic authentication with an account SID and auth token, or an API key SID and secret
 * (which acts for its owning account). Anything else — missing header, unknown SID, wrong secret,
 * disabled account — is the same 401, so a caller learns nothing about which part was wrong.
 * Secrets are compared in constant time. Blocks on the metadata store.
 *
 * <p>A request without an {@code Authorization} header may instead carry the web console's
 * session cookie ({@link CookieSessions}); a change made that way must also carry the session's
 * CSRF token, or it is 403. A request that has an {@code Authorization} header is judged by it
 * alone, so a cookie never rescues wrong credentials.
 */
public final class Authenticator {

    private final MetadataStore store;
    private final CookieSessions sessions;

    /** Basic authentication only. */
    public Authenticator(MetadataStore store) {
        this(store, null);
    }

    /** @param sessions the console's sessions; null to accept Basic authentication only */
    public Authenticator(MetadataStore store, CookieSessions sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /**
     * Authenticates a request by its {@code Authorization} header or, without one, by the console's
     * session cookie.
     *
     * @throws ApiException 401 (code 20003) when neither authenticates; 403 (code 20403) for a
     *                      change by cookie without the session's CSRF token
     */
    public Principal authenticate(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null || sessions == null) {
            return authenticate(authorization);
        }
        Cookie cookie = request.getCookie(CookieSessions.COOKIE);
        if (cookie == null) {
            throw ApiException.unauthorized();
        }
        CookieSessions.Session s = sessions.find(cookie.getValue()).orElseThrow(ApiException::unauthorized);
        if (!CookieSessions.safe(request.method().name())
                && !s.allowsChange(request.getHeader(CookieSessions.CSRF_HEADER))) {
            throw ApiException.forbidden("A change made with the console's session cookie must carry the session's CSRF"
                    + " token in the " + CookieSessions.CSRF_HEADER + " header");
        }
        return s.principal();
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @throws ApiException 401 (code 20003) when the credentials are not valid
     */
    public Principal authenticate(String authorization) {
        if (authorization == null
                || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ApiException.unauthorized();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw ApiException.unauthorized();
        }
        return check(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /**
     * Checks an account SID and auth token, or an API key SID and secret, as Basic authentication
     * does (the console's sign-in uses it).
     *
     * @throws ApiException 401 (code 20003) when they are not valid
     */
    public Principal check(String user, String secret) {
        if (user == null || secret == null || user.length() != 34) {
            throw ApiException.unauthorized();
        }
        if (user.startsWith("AC")) {
            Optional<Account> a = store.accounts().find(user);
            if (a.isPresent() && a.get().enabled() && same(a.get().authToken(), secret)) {
                return new Principal(a.get().sid(), a.get().sid());
            }
        } else if (user.startsWith("SK")) {
            Optional<ApiKey> k = store.apiKeys().find(user);
            if (k.isPresent() && same(k.get().secret(), secret)) {
                Optional<Account> a = store.accounts().find(k.get().accountSid());
                if (a.isPresent() && a.get().enabled()) {
                    return new Principal(a.get().sid(), k.get().sid());
                }
            }
        }
        throw ApiException.unauthorized();
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
