package dev.quorum.storage.account;

import java.time.Instant;

/**
 * An API key: a second credential pair of an account (HTTP Basic {@code SK…:secret}) that also
 * signs client access tokens.
 *
 * @param origin {@link #CONFIGURED}, {@link #API} (created over the Keys resource) or
 *               {@link #DEVELOPMENT}
 */
public record ApiKey(
        String sid,
        String accountSid,
        String friendlyName,
        String secret,
        String origin,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final String CONFIGURED = "configured";
    public static final String API = "api";
    public static final String DEVELOPMENT = "development";

    @Override
    public String toString() {
        return "ApiKey[" + sid + " of " + accountSid + "]";
    }
}
