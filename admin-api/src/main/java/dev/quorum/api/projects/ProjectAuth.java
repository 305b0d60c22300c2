package dev.quorum.api.projects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.api.http.CookieSessions;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.VideoProject;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates an archive API request by its JWT, in an order that trusts no claim before the
 * signature is checked (the claim naming the project only chooses the key):
 * <ul>
 *   <li>{@code X-OPENTOK-AUTH: <jwt>}: HS256 keyed with the project's secret; {@code iss} is the
 *       API key (string or number), {@code ist} is {@code project}, {@code exp} is required;</li>
 *   <li>{@code Authorization: Bearer <jwt>}: RS256 checked with the application's public key;
 *       {@code application_id} is the application; {@code exp} is optional (the Vonage SDK sends
 *       none), so a token without it must have been issued ({@code iat}) within 15 minutes.</li>
 * </ul>
 * A project named in the path must be the token's. Every failure is 403 with a message saying
 * which check failed. Blocks on the metadata store.
 */
public final class ProjectAuth {

    /** How old a token without {@code exp} may be. */
    public static final Duration MAX_AGE = Duration.ofMinutes(15);

    private static final Duration LEEWAY = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;
    private final Clock clock;
    private final CookieSessions sessions;

    public ProjectAuth(MetadataStore store, Clock clock) {
        this(store, clock, null);
    }

    /** @param sessions the web console's sessions; null to accept JWTs only */
    public ProjectAuth(MetadataStore store, Clock clock, CookieSessions sessions) {
        this.store = store;
        this.clock = clock;
        this.sessions = sessions;
    }

    /**
     * Authenticates a request by its JWT or, when it carries neither JWT header, by the web
     * console's session cookie: a session may act on the projects of its own account, named in the
     * path, and a change it makes must carry the session's CSRF token. A project of another account
     * is refused the same way as an unknown one.
     *
     * @param pathProject the project of the path, or null when the path names none
     */
    public VideoProject authenticate(String pathProject, HttpServerRequest request) {
        String opentokAuth = request.getHeader("X-OPENTOK-AUTH");
        String authorization = request.getHeader("Authorization");
        Cookie cookie = request.getCookie(CookieSessions.COOKIE);
        if (sessions == null
                || cookie == null
                || (opentokAuth != null && !opentokAuth.isBlank())
                || authorization != null) {
            return authenticate(pathProject, opentokAuth, authorization);
        }
        CookieSessions.Session s = sessions.find(cookie.getValue())
                .orElseThrow(() -> refused("the console session has ended; sign in again"));
        if (pathProject == null) {
            throw refused("a console session acts only on a project named in the path");
        }
        VideoProject p = store.projects()
                .find(pathProject.toLowerCase(Locale.ROOT))
                .filter(VideoProject::enabled)
                .filter(v -> v.accountSid().equals(s.principal().accountSid()))
                .orElseThrow(() -> refused("project " + pathProject + " is not a project of the signed-in account"));
        if (!CookieSessions.safe(request.method().name())
                && !s.allowsChange(request.getHeader(CookieSessions.CSRF_HEADER))) {
            throw VideoApiException.forbidden("A change made with the console's session cookie must carry the session's"
                    + " CSRF token in the " + CookieSessions.CSRF_HEADER + " header");
        }
        return p;
    }

    /**
     * @param pathProject the project of the path ({@code /v2/project/{id}/…}), or null when the
     *                    path names none ({@code /session/create})
     */
    public VideoProject authenticate(String pathProject, String opentokAuth, String authorization) {
        if (opentokAuth != null && !opentokAuth.isBlank()) {
            return opentok(pathProject, opentokAuth.trim());
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return vonage(pathProject, authorization.substring(7).trim());
        }
        throw refused("send a JWT in X-OPENTOK-AUTH (API key projects) or Authorization: Bearer (applications)");
    }

    private VideoProject opentok(String pathProject, String token) {
        Jwt jwt = Jwt.parse(token);
        JsonNode iss = jwt.payload.get("iss");
        String id = iss == null || !(iss.isTextual() || iss.isIntegralNumber()) ? "" : iss.asText();
        if (pathProject != null && !pathProject.equals(id)) {
            throw refused("the token's issuer (iss) is not the project " + pathProject + " of the path");
        }
        VideoProject p = store.projects()
                .find(id)
                .filter(VideoProject::enabled)
                .filter(VideoProject::opentok)
                .orElseThrow(() -> refused("the token's issuer (iss) is not an API key of this server"));
        if (!"HS256".equals(jwt.header.path("alg").asText())) {
            throw refused("X-OPENTOK-AUTH tokens must be signed with HS256");
        }
        byte[] expected = hmac(p.apiSecret(), jwt.signingInput);
        if (!MessageDigest.isEqual(expected, jwt.signature)) {
            throw refused("the token's signature does not match the project's secret");
        }
        if (!"project".equals(jwt.payload.path("ist").asText(""))) {
            throw refused("the token's issuer type (ist) must be 'project'");
        }
        JsonNode exp = jwt.payload.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw refused("the token must have an expiry (exp)");
        }
        checkTimes(jwt, true);
        return p;
    }

    private VideoProject vonage(String pathProject, String token) {
        Jwt jwt = Jwt.parse(token);
        String id = jwt.payload.path("application_id").asText("").toLowerCase(Locale.ROOT);
        if (pathProject != null && !pathProject.toLowerCase(Locale.ROOT).equals(id)) {
            throw refused("the token's application_id is not the application " + pathProject + " of the path");
        }
        VideoProject p = store.projects()
                .find(id)
                .filter(VideoProject::enabled)
                .filter(v -> !v.opentok())
                .orElseThrow(() -> refused("the token's application_id is not an application of this server"));
        if (!"RS256".equals(jwt.header.path("alg").asText())) {
            throw refused("Bearer tokens must be signed with RS256");
        }
        try {
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(PublicKeys.rsa(p.publicKey()));
            v.update(jwt.signingInput.getBytes(StandardCharsets.US_ASCII));
            if (!v.verify(jwt.signature)) {
                throw refused("the token's signature does not match the application's public key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw refused("the token's signature does not match the application's public key");
        }
        checkTimes(jwt, jwt.payload.get("exp") != null);
        return p;
    }

    private void checkTimes(Jwt jwt, boolean hasExp) {
        Instant now = clock.instant();
        JsonNode exp = jwt.payload.get("exp");
        if (hasExp) {
            if (!exp.isNumber()
                    || !now.isBefore(Instant.ofEpochSecond(exp.asLong()).plus(LEEWAY))) {
                throw refused("the token has expired (exp)");
            }
        }
        JsonNode iat = jwt.payload.get("iat");
        if (iat != null && iat.isNumber()) {
            Instant issued = Instant.ofEpochSecond(iat.asLong());
            if (issued.isAfter(now.plus(LEEWAY))) {
                throw refused("the token was issued in the future (iat)");
            }
            if (!hasExp && issued.isBefore(now.minus(MAX_AGE).minus(LEEWAY))) {
                throw refused("a token without exp must have been issued (iat) within the last 15 minutes");
            }
        } else if (!hasExp) {
            throw refused("the token needs an expiry (exp) or an issue time (iat)");
        }
    }

    private static byte[] hmac(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static VideoApiException refused(String why) {
        return VideoApiException.forbidden("Authentication error: " + why);
    }

    /** The three parts of a compact JWT, decoded; nothing in it verified yet. */
    private record Jwt(JsonNode header, JsonNode payload, byte[] signature, String signingInput) {

        static Jwt parse(String token) {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                throw refused("the token is not a JWT (three base64url parts)");
            }
            try {
                Base64.Decoder d = Base64.getUrlDecoder();
                JsonNode header = JSON.readTree(d.decode(parts[0]));
                JsonNode payload = JSON.readTree(d.decode(parts[1]));
                if (header == null || !header.isObject() || payload == null || !payload.isObject()) {
                    throw refused("the token's header and claims must be JSON objects");
                }
                return new Jwt(header, payload, d.decode(parts[2]), parts[0] + "." + parts[1]);
            } catch (IllegalArgumentException | IOException e) {
                throw refused("the token is not a JWT (three base64url parts of JSON)");
            }
        }
    }
}
