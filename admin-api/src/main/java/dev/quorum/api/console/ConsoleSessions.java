package dev.quorum.api.console;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.Authenticator;
import dev.quorum.api.http.CookieSessions;
import dev.quorum.api.http.Principal;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.account.ApiKey;
import dev.quorum.storage.console.ConsoleSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sign-ins, kept in the metadata store so every server sharing it knows them. A session
 * is created by checking the same credentials Basic authentication takes; its cookie is 256
 * random bits of which only the SHA-256 is stored. A session ends at sign-out, when unused for
 * the idle timeout, at its maximum age, or as soon as what it signed in with no longer holds: the
 * account disabled, the API key removed, the auth token or key secret changed. Blocks on the store.
 */
public final class ConsoleSessions implements CookieSessions {

    /** Uses are written back at most this often, so polling pages do not write on every request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final int TOKEN_BYTES = 32;

    /** A new sign-in: the cookie's value (known only to the browser from now on) and the session. */
    public record SignedIn(String cookieValue, ConsoleSession session) {}

    private final MetadataStore store;
    private final Authenticator auth;
    private final ConsoleConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessions(MetadataStore store, ConsoleConfig config, Clock clock) {
        this.store = store;
        this.auth = new Authenticator(store);
        this.config = config;
        this.clock = clock;
    }

    public ConsoleConfig config() {
        return config;
    }

    /**
     * Signs in with an account SID and auth token, or an API key SID and secret.
     *
     * @throws ApiException 401 (code 20003) when they are not valid, as Basic authentication answers
     */
    public SignedIn signIn(String sid, String secret) {
        Principal p = auth.check(sid, secret);
        String token = randomToken();
        ConsoleSession s = store.consoleSessions()
                .create(
                        sha256(token),
                        p.accountSid(),
                        p.credentialSid(),
                        sha256(secret),
                        randomToken(),
                        clock.instant().plus(config.maxAge()));
        return new SignedIn(token, s);
    }

    @Override
    public Optional<Session> find(String cookieValue) {
        return live(cookieValue).map(s -> new Session(new Principal(s.accountSid(), s.credentialSid()), s.csrfToken()));
    }

    /** The live session a cookie names, its use recorded; empty (and forgotten) once it has ended. */
    public Optional<ConsoleSession> live(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 128) {
            return Optional.empty();
        }
        String hash = sha256(cookieValue);
        Optional<ConsoleSession> found = store.consoleSessions().find(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession s = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(s.expiresAt())
                || !now.isBefore(s.lastSeen().plus(config.idleTimeout()))
                || !credentialsHold(s)) {
            store.consoleSessions().delete(hash);
            return Optional.empty();
        }
        if (Duration.between(s.lastSeen(), now).compareTo(TOUCH_EVERY) >= 0) {
            store.consoleSessions().touch(hash, now);
        }
        return Optional.of(s);
    }

    /** Ends the session a cookie names; false if there was none. */
    public boolean signOut(String cookieValue) {
        return cookieValue != null
                && !cookieValue.isEmpty()
                && store.consoleSessions().delete(sha256(cookieValue));
    }

    /** The account's friendly name, or its SID when it has none. */
    String accountName(String accountSid) {
        return store.accounts()
                .find(accountSid)
                .map(Account::friendlyName)
                .filter(n -> n != null && !n.isBlank())
                .orElse(accountSid);
    }

    /** Forgets sessions that have ended without a sign-out. */
    public int purge() {
        return store.consoleSessions().purgeExpired(clock.instant().minus(config.idleTimeout()));
    }

    private boolean credentialsHold(ConsoleSession s) {
        Optional<Account> account = store.accounts().find(s.accountSid()).filter(Account::enabled);
        if (account.isEmpty()) {
            return false;
        }
        String secret;
        if (s.credentialSid().equals(s.accountSid())) {
            secret = account.get().authToken();
        } else {
            Optional<ApiKey> key = store.apiKeys()
                    .find(s.credentialSid())
                    .filter(k -> k.accountSid().equals(s.accountSid()));
            if (key.isEmpty()) {
                return false;
            }
            secret = key.get().secret();
        }
        return MessageDigest.isEqual(
                sha256(secret).getBytes(StandardCharsets.US_ASCII),
                s.secretHash().getBytes(StandardCharsets.US_ASCII));
    }

    private String randomToken() {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
