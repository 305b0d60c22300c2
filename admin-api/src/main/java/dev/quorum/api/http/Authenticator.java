package dev.quorum.api.http;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.account.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic authentication with an account SID and auth token, or an API key SID and secret
 * (which acts for its owning account). Anything else — missing header, unknown SID, wrong secret,
 * disabled account — is the same 401, so a caller learns nothing about which part was wrong.
 * Secrets are compared in constant time. Blocks on the metadata store.
 */
public final class Authenticator {

    private final MetadataStore store;

    public Authenticator(MetadataStore store) {
        this.store = store;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @throws ApiException 401 (code 20003) when the credentials are not valid
     */
    public Principal authenticate(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ApiException.unauthorized();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw ApiException.unauthorized();
        }
        String user = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        if (user.length() != 34) {
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
