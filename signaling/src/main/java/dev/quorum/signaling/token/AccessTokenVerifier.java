package dev.quorum.signaling.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies access tokens, in an order that never trusts an unsigned claim: structure and header,
 * then the issuer's key, then the HMAC signature (constant-time comparison), and only then the
 * account, expiry, not-before and grants. {@code jti} and {@code iat} are not checked (the
 * official Java helper derives {@code jti} from a float and omits {@code iat}).
 *
 * <p>{@code exp} is required and may be at most 24 hours away; {@code leeway} absorbs clock
 * differences between the server that minted the token and this one, on both {@code exp} and
 * {@code nbf}. Thread-safe.
 */
public final class AccessTokenVerifier implements TokenVerifier {

    /** Tokens longer than this are refused unread. */
    public static final int MAX_TOKEN_LENGTH = 8192;

    public static final String CONTENT_TYPE = "twilio-fpa;v=1";
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);
    public static final int MAX_IDENTITY_LENGTH = 128;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 9999-12-31T23:59:59Z. */
    private static final long LATEST_SECOND = 253_402_300_799L;

    // Given
    private final ApiKeySecrets keys;
    private final Clock clock;
    private final Duration leeway;

    public AccessTokenVerifier(ApiKeySecrets keys, Clock clock, Duration leeway) {
        this.keys = keys;
        this.clock = clock;
        this.leeway = leeway;
    }

    @Override
    public AccessToken verify(String token) throws TokenRefusedException {
        if (token == null || token.isBlank()) {
            throw new TokenRefusedException(TokenRefusal.MISSING);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRefusedException(
                    TokenRefusal.MALFORMED, "the access token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new TokenRefusedException(TokenRefusal.MALFORMED);
        }
        JsonNode header = json(parts[0]);
        JsonNode payload = json(parts[1]);
        String algorithm = macAlgorithm(header.path("alg").asText(""));
        if (algorithm == null || !CONTENT_TYPE.equals(header.path("cty").asText(null))) {
            throw new TokenRefusedException(TokenRefusal.BAD_HEADER);
        }
        String issuer = text(payload, "iss");
        Optional<ApiKeySecret> key = keys.find(issuer);
        if (key.isEmpty()) {
            throw new TokenRefusedException(TokenRefusal.UNKNOWN_API_KEY);
        }
        checkSignature(algorithm, key.get(), parts);
        if (!key.get().accountSid().equals(text(payload, "sub"))) {
            throw new TokenRefusedException(TokenRefusal.ACCOUNT_MISMATCH);
        }
        Instant now = clock.instant();
        JsonNode exp = payload.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new TokenRefusedException(TokenRefusal.BAD_EXPIRY);
        }
        Instant expiresAt = epochSeconds(exp);
        if (!now.isBefore(expiresAt.plus(leeway))) {
            throw new TokenRefusedException(TokenRefusal.EXPIRED);
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(leeway))) {
            throw new TokenRefusedException(TokenRefusal.BAD_EXPIRY);
        }
        JsonNode nbf = payload.get("nbf");
        if (nbf != null && !nbf.isNull()) {
            if (!nbf.isNumber()) {
                throw new TokenRefusedException(TokenRefusal.MALFORMED, "the access token's nbf is not a number");
            }
            if (now.plus(leeway).isBefore(epochSeconds(nbf))) {
                throw new TokenRefusedException(TokenRefusal.NOT_YET_VALID);
            }
        }
        JsonNode grants = payload.path("grants");
        JsonNode identity = grants.get("identity");
        if (identity == null
                || !identity.isTextual()
                || identity.asText().isEmpty()
                || identity.asText().length() > MAX_IDENTITY_LENGTH) {
            throw new TokenRefusedException(TokenRefusal.NO_IDENTITY);
        }
        JsonNode video = grants.get("video");
        if (video == null || !video.isObject()) {
            throw new TokenRefusedException(TokenRefusal.NO_VIDEO_GRANT);
        }
        JsonNode room = video.get("room");
        if (room != null && !room.isNull() && !room.isTextual()) {
            throw new TokenRefusedException(
                    TokenRefusal.MALFORMED, "the access token's grants.video.room is not a string");
        }
        String roomGrant = room == null || room.isNull() || room.asText().isEmpty() ? null : room.asText();
        return new AccessToken(issuer, key.get().accountSid(), identity.asText(), roomGrant, expiresAt);
    }

    /**
     * A NumericDate claim as an instant, held within years 0 to 9999: a value beyond (up to and
     * past 2^64, which {@code asLong} would wrap) is just as far in the past or the future for
     * every check, and stays clear of {@link Instant}'s limits when the leeway is added.
     */
    private static Instant epochSeconds(JsonNode n) {
        long seconds = n.canConvertToLong() ? n.asLong() : n.asDouble() > 0 ? LATEST_SECOND : -LATEST_SECOND;
        return Instant.ofEpochSecond(Math.max(-LATEST_SECOND, Math.min(LATEST_SECOND, seconds)));
    }

    private static void checkSignature(String algorithm, ApiKeySecret key, String[] parts)
            throws TokenRefusedException {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new TokenRefusedException(TokenRefusal.MALFORMED);
        }
        byte[] expected = hmac(algorithm, key.key(), parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new TokenRefusedException(TokenRefusal.BAD_SIGNATURE);
        }
    }

    static byte[] hmac(String algorithm, byte[] key, String signingInput) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }

    /** The JCA name of an HMAC JWT algorithm; null for anything else (including {@code none}). */
    private static String macAlgorithm(String alg) {
        return switch (alg) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> null;
        };
    }

    private static JsonNode json(String part) throws TokenRefusedException {
        try {
            JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (n == null || !n.isObject()) {
                throw new TokenRefusedException(TokenRefusal.MALFORMED);
            }
            return n;
        } catch (IllegalArgumentException | IOException e) {
            throw new TokenRefusedException(TokenRefusal.MALFORMED);
        }
    }

    private static String text(JsonNode payload, String claim) throws TokenRefusedException {
        JsonNode n = payload.get(claim);
        if (n == null || !n.isTextual()) {
            throw new TokenRefusedException(TokenRefusal.MALFORMED, "the access token has no '" + claim + "' claim");
        }
        return n.asText();
    }
}
