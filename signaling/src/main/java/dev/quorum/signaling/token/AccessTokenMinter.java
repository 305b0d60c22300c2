package dev.quorum.signaling.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Makes access tokens in the same format as the official server-side helpers (header
 * {@code {"cty":"twilio-fpa;v=1","typ":"JWT","alg":"HS256"}}, claims {@code jti}, {@code iss},
 * {@code sub}, {@code exp}, {@code grants}). Used by the development-mode token endpoint and by
 * tests; production deployments mint tokens on their own backend.
 */
public final class AccessTokenMinter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ApiKeySecret key;
    private final Clock clock;

    public AccessTokenMinter(ApiKeySecret key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /**
     * @param room the one room the token may join, or null for any room of the account
     */
    public String mint(String identity, String room, Duration ttl) {
        long now = clock.instant().getEpochSecond();
        ObjectNode header = JSON.createObjectNode()
                .put("cty", AccessTokenVerifier.CONTENT_TYPE)
                .put("typ", "JWT")
                .put("alg", "HS256");
        ObjectNode payload = JSON.createObjectNode()
                .put("jti", key.keySid() + "-" + now)
                .put("iss", key.keySid())
                .put("sub", key.accountSid())
                .put("exp", now + ttl.toSeconds());
        ObjectNode grants = payload.putObject("grants").put("identity", identity);
        ObjectNode video = grants.putObject("video");
        if (room != null) {
            video.put("room", room);
        }
        String input = encode(header) + "." + encode(payload);
        return input + "." + B64.encodeToString(AccessTokenVerifier.hmac("HmacSHA256", key.key(), input));
    }

    private static String encode(ObjectNode node) {
        try {
            return B64.encodeToString(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
