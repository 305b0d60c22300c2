package dev.quorum.storage.account;

import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Accounts: the configured ones, kept in step with the configuration, and the development one. */
public final class AccountStore {

    /** The development account and its key, as created on first start in dev mode. */
    public record DevelopmentCredentials(Account account, ApiKey apiKey, boolean createdNow) {}

    private static final String COLUMNS = "sid, friendly_name, auth_token, origin, enabled, room_status_callback, "
            + "room_status_callback_method, record_participants_on_connect, date_created, date_updated";

    static final RowMapper<Account> MAPPER = rs -> new Account(
            rs.getString("sid"),
            rs.getString("friendly_name"),
            rs.getString("auth_token"),
            rs.getString("origin"),
            Rows.bool(rs, "enabled"),
            rs.getString("room_status_callback"),
            rs.getString("room_status_callback_method"),
            Rows.bool(rs, "record_participants_on_connect"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"));

    private final Database db;
    private final Clock clock;

    public AccountStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Makes the stored configured accounts match the configuration: each given account is
     * inserted or updated (token, name, room defaults) and enabled; configured accounts missing
     * from the list are disabled, so their credentials stop working while their resources stay.
     */
    public void syncConfigured(List<Account> configured) {
        Instant now = clock.instant();
        db.write(tx -> {
            for (Account a : configured) {
                upsert(tx, a, Account.CONFIGURED, now);
            }
            String keep = configured.isEmpty()
                    ? ""
                    : " AND sid NOT IN (" + String.join(", ", Collections.nCopies(configured.size(), "?")) + ")";
            Object[] args = configured.stream().map(Account::sid).toArray();
            tx.update("UPDATE accounts SET enabled = 0 WHERE origin = 'configured'" + keep, args);
            return null;
        });
    }

    /** An account by SID, enabled or not. */
    public Optional<Account> find(String sid) {
        return db.read(tx -> tx.one("SELECT " + COLUMNS + " FROM accounts WHERE sid = ?", MAPPER, sid));
    }

    /** The accounts whose credentials are accepted. */
    public List<Account> enabled() {
        return db.read(tx ->
                tx.list("SELECT " + COLUMNS + " FROM accounts WHERE enabled = 1 ORDER BY date_created, sid", MAPPER));
    }

    /**
     * The development account and key, created (and persisted) on the first call: the server's
     * dev mode uses them when no account is configured, so the demo page can mint tokens.
     */
    public DevelopmentCredentials ensureDevelopment() {
        Instant now = clock.instant();
        return db.write(tx -> {
            Optional<Account> existing = tx.one(
                    "SELECT " + COLUMNS + " FROM accounts WHERE origin = 'development'"
                            + " ORDER BY date_created LIMIT 1",
                    MAPPER);
            Account account = existing.orElse(null);
            boolean created = account == null;
            if (created) {
                account = new Account(
                        Secrets.sid("AC"),
                        "Development account",
                        Secrets.authToken(),
                        Account.DEVELOPMENT,
                        true,
                        null,
                        "POST",
                        false,
                        now,
                        now);
                upsert(tx, account, Account.DEVELOPMENT, now);
            } else if (!account.enabled()) {
                tx.update("UPDATE accounts SET enabled = 1, date_updated = ? WHERE sid = ?", now, account.sid());
            }
            Optional<ApiKey> key = tx.one(
                    "SELECT " + ApiKeyStore.COLUMNS + " FROM api_keys WHERE account_sid = ?"
                            + " AND origin = 'development' ORDER BY date_created LIMIT 1",
                    ApiKeyStore.MAPPER,
                    account.sid());
            ApiKey apiKey = key.orElse(null);
            if (apiKey == null) {
                apiKey = new ApiKey(
                        Secrets.sid("SK"),
                        account.sid(),
                        "Development key",
                        Secrets.apiKeySecret(),
                        ApiKey.DEVELOPMENT,
                        now,
                        now);
                ApiKeyStore.insert(tx, apiKey);
                created = true;
            }
            return new DevelopmentCredentials(find(tx, account.sid()), apiKey, created);
        });
    }

    /** Disables the development account (when real accounts are configured or dev mode is off). */
    public int disableDevelopment() {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                "UPDATE accounts SET enabled = 0, date_updated = ? WHERE origin = 'development'" + " AND enabled = 1",
                now));
    }

    private static Account find(Tx tx, String sid) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM accounts WHERE sid = ?", MAPPER, sid)
                .orElseThrow();
    }

    private static void upsert(Tx tx, Account a, String origin, Instant now) throws SQLException {
        tx.update(
                "INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (sid) DO UPDATE SET friendly_name = excluded.friendly_name,"
                        + " auth_token = excluded.auth_token, origin = excluded.origin, enabled = 1,"
                        + " room_status_callback = excluded.room_status_callback,"
                        + " room_status_callback_method = excluded.room_status_callback_method,"
                        + " record_participants_on_connect = excluded.record_participants_on_connect,"
                        + " date_updated = excluded.date_updated",
                a.sid(),
                a.friendlyName(),
                a.authToken(),
                origin,
                a.roomStatusCallback(),
                a.roomStatusCallbackMethod(),
                a.recordParticipantsOnConnect(),
                now,
                now);
    }
}
