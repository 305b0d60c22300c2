package dev.quorum.storage.archive;

import java.time.Instant;

/**
 * A project of the archive API, owned by an account: either an OpenTok-style project (an integer
 * API key and its secret, REST calls signed HS256) or a Vonage-style application (a UUID and an
 * RSA public key, REST calls signed RS256 with the matching private key).
 *
 * @param id              the API key as decimal text, or the application UUID in lower case
 * @param kind            {@link #OPENTOK} or {@link #VONAGE}
 * @param apiSecret       the OpenTok project's secret (HMAC key of REST JWTs and client tokens); null for applications
 * @param publicKey       the application's RSA public key, PEM; null for OpenTok projects
 * @param videoCodec      {@code VP8} or {@code H264}: the codec of the project's sessions
 * @param archiveCallback where archive status changes are posted, or null
 * @param callbackSecret  the HMAC key of the callbacks' signature
 * @param origin          {@link #CONFIGURED} (from the server's configuration)
 * @param enabled         false once the project left the configuration
 */
public record VideoProject(
        String id,
        String kind,
        String accountSid,
        String apiSecret,
        String publicKey,
        String videoCodec,
        String archiveCallback,
        String callbackSecret,
        String origin,
        boolean enabled,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final String OPENTOK = "opentok";
    public static final String VONAGE = "vonage";
    public static final String CONFIGURED = "configured";

    public boolean opentok() {
        return OPENTOK.equals(kind);
    }

    @Override
    public String toString() {
        return "VideoProject[" + kind + " " + id + " of " + accountSid + "]";
    }
}
