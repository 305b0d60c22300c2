package dev.quorum.signaling.web;

import dev.quorum.signaling.token.ApiKeySecret;
import java.time.Duration;
import java.util.Objects;

/**
 * Development mode's token minting: the demo page asks {@code POST /dev/token} for a token of the
 * given identity and room, signed with this key. Never enabled unless {@code dev-mode=true}.
 *
 * @param key the API key the tokens are signed with (the development account's)
 * @param ttl how long minted tokens live
 */
public record DevTokens(ApiKeySecret key, Duration ttl) {

    public DevTokens {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ttl, "ttl");
    }
}
