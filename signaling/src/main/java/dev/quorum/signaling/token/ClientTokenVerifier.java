package dev.quorum.signaling.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Verifies the client tokens the archive API's server SDKs mint, so browsers join a session with
 * them: OpenTok {@code T1==} tokens (HMAC-SHA1 over their data, keyed with the project's secret),
 * Vonage RS256 JWTs (verified with the application's public key), and the HS256 JWTs of newer
 * OpenTok SDKs. Signatures are checked before any claim is trusted; then expiry (at most 30 days
 * away), role, connection data (at most 1000 characters) and the session, which must belong to
 * the signing project. Each verified token gets a new connection UUID as its identity.
 */
public final class ClientTokenVerifier {

    public static final Duration MAX_LIFETIME = Duration.ofDays(30);
    public static final int MAX_CONNECTION_DATA = 1000;
    private static final String T1 = "T1==";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientTokenKeys keys;
    private final Clock clock;
    private final Duration leeway;

    public ClientTokenVerifier(ClientTokenKeys keys, Clock clock, Duration leeway) {
        this.keys = keys;
        this.clock = clock;
        this.leeway = leeway;
    }

    /** True for a {@code T1==} token or a JWT that is not an access token (no {@code cty: twilio-fpa}). */
    public static boolean isClientToken(String token) {
        if (token == null) {
            return false;
        }
        String t = token.trim();
        if (t.startsWith(T1)) {
            return true;
        }
        int dot = t.indexOf('.');
        if (dot <= 0 || t.length() > AccessTokenVerifier.MAX_TOKEN_LENGTH) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(t.substring(0, dot)));
            return header != null && header.isObject() && !header.has("cty") && header.has("alg");
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    public AccessToken verify(String token) throws TokenRefusedException {
        if (token == null || token.isBlank()) {
            throw new TokenRefusedException(TokenRefusal.MISSING);
        }
        if (token.length() > AccessTokenVerifier.MAX_TOKEN_LENGTH) {
            throw new TokenRefusedException(
                    TokenRefusal.MALFORMED,
                    "the client token is longer than " + AccessTokenVerifier.MAX_TOKEN_LENGTH + " characters");
        }
        String t = token.trim();
        return t.startsWith(T1) ? legacy(t.substring(T1.length())) : jwt(t);
    }

    void joined(AccessToken token, String roomSid, String participantSid) {
        keys.joined(token.client(), token.identity(), roomSid, participantSid);
    }

    /** {@code T1==} + base64 of {@code partner_id=…&sig=<hex HMAC-SHA1>:<data>}. */
    private AccessToken legacy(String encoded) throws TokenRefusedException {
        String inner;
        try {
            inner = new String(
                    Base64.getDecoder().decode(encoded.replace('-', '+').replace('_', '/')), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("the T1 token is not base64");
        }
        int colon = inner.indexOf(':');
        if (colon < 0) {
            throw malformed("the T1 token has no data part");
        }
        Map<String, String> head = params(inner.substring(0, colon));
        String data = inner.substring(colon + 1);
        ClientTokenKeys.Project project = keys.project(require(head, "partner_id"))
                .filter(p -> p.hmacKey() != null)
                .orElseThrow(() -> new TokenRefusedException(TokenRefusal.UNKNOWN_PROJECT));
        byte[] expected =
                AccessTokenVerifier.hmac("HmacSHA1", project.hmacKey().getBytes(StandardCharsets.UTF_8), data);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(require(head, "sig").toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TokenRefusedException(TokenRefusal.BAD_SIGNATURE);
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new TokenRefusedException(TokenRefusal.BAD_SIGNATURE);
        }
        Map<String, String> claims = params(data);
        long expires;
        try {
            expires = Long.parseLong(require(claims, "expire_time"));
        } catch (NumberFormatException e) {
            throw malformed("the T1 token's expire_time is not a number");
        }
        String classes = claims.get("initial_layout_class_list");
        String connectionData = claims.containsKey("connection_data")
                ? URLDecoder.decode(claims.get("connection_data"), StandardCharsets.UTF_8)
                : null;
        return grant(
                project,
                require(claims, "session_id"),
                claims.getOrDefault("role", ClientGrant.PUBLISHER),
                Instant.ofEpochSecond(expires),
                connectionData,
                classes);
    }

    /** An RS256 JWT of an application (Vonage) or an HS256 JWT of an OpenTok project. */
    private AccessToken jwt(String token) throws TokenRefusedException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed("the client token is not a JWT");
        }
        JsonNode header = json(parts[0]);
        JsonNode payload = json(parts[1]);
        String alg = header.path("alg").asText("");
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw malformed("the client token's signature is not base64url");
        }
        String input = parts[0] + "." + parts[1];
        ClientTokenKeys.Project project;
        if (alg.equals("RS256")) {
            project = keys.project(text(payload, "application_id").toLowerCase(Locale.ROOT))
                    .filter(p -> p.publicKey() != null)
                    .orElseThrow(() -> new TokenRefusedException(TokenRefusal.UNKNOWN_PROJECT));
            if (!rsaValid(project, input, signature)) {
                throw new TokenRefusedException(TokenRefusal.BAD_SIGNATURE);
            }
        } else if (alg.equals("HS256")) {
            JsonNode iss = payload.get("iss");
            String issuer = iss == null ? "" : iss.asText("");
            project = keys.project(issuer)
                    .filter(p -> p.hmacKey() != null)
                    .orElseThrow(() -> new TokenRefusedException(TokenRefusal.UNKNOWN_PROJECT));
            byte[] expected =
                    AccessTokenVerifier.hmac("HmacSHA256", project.hmacKey().getBytes(StandardCharsets.UTF_8), input);
            if (!MessageDigest.isEqual(expected, signature)) {
                throw new TokenRefusedException(TokenRefusal.BAD_SIGNATURE);
            }
        } else {
            throw new TokenRefusedException(
                    TokenRefusal.BAD_HEADER,
                    "a client token must be signed with RS256" + " (application) or HS256 (project), not '" + alg
                            + "'");
        }
        if (!"session.connect".equals(payload.path("scope").asText(""))) {
            throw malformed("the client token's scope must be 'session.connect'");
        }
        JsonNode exp = payload.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new TokenRefusedException(
                    TokenRefusal.BAD_EXPIRY, "the client token must expire (exp) within 30 days");
        }
        JsonNode data = payload.get("connection_data");
        JsonNode classes = payload.get("initial_layout_class_list");
        String classText = classes == null || classes.isNull()
                ? null
                : classes.isArray() ? String.join(" ", JSON.convertValue(classes, String[].class)) : classes.asText();
        return grant(
                project,
                text(payload, "session_id"),
                payload.path("role").asText(ClientGrant.PUBLISHER),
                Instant.ofEpochSecond(exp.asLong()),
                data == null || data.isNull() ? null : data.asText(),
                classText);
    }

    private AccessToken grant(
            ClientTokenKeys.Project project,
            String sessionId,
            String role,
            Instant expiresAt,
            String connectionData,
            String classes)
            throws TokenRefusedException {
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt.plus(leeway))) {
            throw new TokenRefusedException(TokenRefusal.EXPIRED, "the client token has expired");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(leeway))) {
            throw new TokenRefusedException(TokenRefusal.BAD_EXPIRY, "the client token must expire within 30 days");
        }
        if (!ClientGrant.ROLES.contains(role)) {
            throw malformed(
                    "the client token's role '" + role + "' is not publisher, publisheronly, subscriber or moderator");
        }
        if (connectionData != null && connectionData.length() > MAX_CONNECTION_DATA) {
            throw malformed("the client token's connection data is longer than " + MAX_CONNECTION_DATA + " characters");
        }
        ClientTokenKeys.Session session = keys.session(sessionId)
                .filter(s -> s.projectId().equals(project.id()))
                .orElseThrow(() -> new TokenRefusedException(TokenRefusal.UNKNOWN_SESSION));
        List<String> classList = classes == null || classes.isBlank()
                ? List.of()
                : Arrays.stream(classes.trim().split("\\s+")).toList();
        ClientGrant grant =
                new ClientGrant(project.id(), sessionId, role, connectionData, classList, session.roomSettings());
        return new AccessToken(
                project.id(), session.accountSid(), UUID.randomUUID().toString(), sessionId, expiresAt, grant);
    }

    private static boolean rsaValid(ClientTokenKeys.Project project, String input, byte[] signature) {
        try {
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(project.publicKey());
            v.update(input.getBytes(StandardCharsets.US_ASCII));
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Map<String, String> params(String text) {
        Map<String, String> out = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static String require(Map<String, String> params, String name) throws TokenRefusedException {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw malformed("the T1 token has no " + name);
        }
        return v;
    }

    private static JsonNode json(String part) throws TokenRefusedException {
        try {
            JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (n == null || !n.isObject()) {
                throw malformed("the client token is not a JWT of JSON objects");
            }
            return n;
        } catch (IllegalArgumentException | IOException e) {
            throw malformed("the client token is not a JWT of JSON objects");
        }
    }

    private static String text(JsonNode payload, String claim) throws TokenRefusedException {
        JsonNode n = payload.get(claim);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw malformed("the client token has no '" + claim + "' claim");
        }
        return n.asText();
    }

    private static TokenRefusedException malformed(String message) {
        return new TokenRefusedException(TokenRefusal.MALFORMED, message);
    }
}
