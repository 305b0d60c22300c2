package dev.quorum.storage.console;

import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Console sessions, keyed by the hash of their cookie. */
public final class ConsoleSessionStore {

    private static final String COLUMNS = "token_hash, account_sid, credential_sid, secret_hash, csrf_token,"
            + " date_created, last_seen, expires_at";

    private static final RowMapper<ConsoleSession> MAPPER = rs -> new ConsoleSession(
            rs.getString("token_hash"),
            rs.getString("account_sid"),
            rs.getString("credential_sid"),
            rs.getString("secret_hash"),
            rs.getString("csrf_token"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "last_seen"),
            Rows.instant(rs, "expires_at"));

    private final Database db;
    private final Clock clock;

    public ConsoleSessionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a new session, seen now, ending at {@code expiresAt} at the latest. */
    public ConsoleSession create(
            String tokenHash,
            String accountSid,
            String credentialSid,
            String secretHash,
            String csrfToken,
            Instant expiresAt) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "INSERT INTO console_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                tokenHash,
                accountSid,
                credentialSid,
                secretHash,
                csrfToken,
                now,
                now,
                expiresAt));
        return new ConsoleSession(tokenHash, accountSid, credentialSid, secretHash, csrfToken, now, now, expiresAt);
    }

    /** The session of that cookie hash, expired or not (the caller judges). */
    public Optional<ConsoleSession> find(String tokenHash) {
        return db.read(
                tx -> tx.one("SELECT " + COLUMNS + " FROM console_sessions WHERE token_hash = ?", MAPPER, tokenHash));
    }

    /** Records a use of the session. */
    public void touch(String tokenHash, Instant seen) {
        db.write(tx -> tx.update(
                "UPDATE console_sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?",
                seen,
                tokenHash,
                seen));
    }

    /** Ends a session (sign-out); false if there was none. */
    public boolean delete(String tokenHash) {
        return db.write(tx -> tx.update("DELETE FROM console_sessions WHERE token_hash = ?", tokenHash) > 0);
    }

    /** Forgets sessions past their end or unused since {@code idleBefore}; returns how many. */
    public int purgeExpired(Instant idleBefore) {
        Instant now = clock.instant();
        return db.write(tx ->
                tx.update("DELETE FROM console_sessions WHERE expires_at <= ? OR last_seen < ?", now, idleBefore));
    }
}
