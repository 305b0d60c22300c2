package dev.quorum.signaling.token;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An API key as token verification needs it.
 *
 * @param keySid     {@code SK…}
 * @param accountSid the owning account, {@code AC…}; a token's {@code sub} must equal it
 * @param secret     the key's secret; tokens are signed with its UTF-8 bytes (what
 *                   {@code new AccessToken.Builder(account, key, secret.getBytes())} does)
 */
public record ApiKeySecret(String keySid, String accountSid, String secret) {

    public ApiKeySecret {
        Objects.requireNonNull(keySid, "keySid");
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(secret, "secret");
    }

    byte[] key() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ApiKeySecret[" + keySid + " of " + accountSid + "]";
    }
}
