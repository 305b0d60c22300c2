package dev.quorum.storage.console;

import java.time.Instant;

/**
 * A signed-in console session. The cookie itself is never stored: only its SHA-256, so a copy of
 * the database does not sign anyone in.
 *
 * @param tokenHash     hex SHA-256 of the cookie's value
 * @param accountSid    the account it acts for
 * @param credentialSid the account SID or API key SID it signed in with
 * @param secretHash    hex SHA-256 of the secret it signed in with: when the auth token or the
 *                      key's secret changes, the session no longer matches and ends
 * @param csrfToken     what every change it makes must carry in a header
 * @param lastSeen      its last use (updated at most once a minute)
 * @param expiresAt     when it ends however busy it is
 */
public record ConsoleSession(
        String tokenHash,
        String accountSid,
        String credentialSid,
        String secretHash,
        String csrfToken,
        Instant dateCreated,
        Instant lastSeen,
        Instant expiresAt) {}
