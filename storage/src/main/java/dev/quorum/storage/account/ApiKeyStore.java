package dev.quorum.storage.account;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Tx;
import dev.quorum.storage.jdbc.Where;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** API keys: configured ones kept in step with the configuration, and ones managed over the API. */
public final class ApiKeyStore {

    static final String COLUMNS = "sid, account_sid, friendly_name, secret, origin, date_created, date_updated";

    static final RowMapper<ApiKey> MAPPER = rs -> new ApiKey(
            rs.getString("sid"),
            rs.getString("account_sid"),
            rs.getString("friendly_name"),
            rs.getString("secret"),
            rs.getString("origin"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"));

    private final Database db;
    private final Clock clock;

    public ApiKeyStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Makes the stored configured keys match the configuration: given keys are inserted or
     * updated; configured keys missing from it are deleted (revoked).
     */
    public void syncConfigured(List<ApiKey> configured) {
        Instant now = clock.instant();
        db.write(tx -> {
            for (ApiKey k : configured) {
                tx.update(
                        "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, 'configured', ?, ?)"
                                + " ON CONFLICT (sid) DO UPDATE SET account_sid = excluded.account_sid,"
                                + " friendly_name = excluded.friendly_name, secret = excluded.secret,"
                                + " origin = 'configured', date_updated = excluded.date_updated",
                        k.sid(),
                        k.accountSid(),
                        k.friendlyName(),
                        k.secret(),
                        now,
                        now);
            }
            String keep = configured.isEmpty()
                    ? ""
                    : " AND sid NOT IN (" + String.join(", ", Collections.nCopies(configured.size(), "?")) + ")";
            tx.update(
                    "DELETE FROM api_keys WHERE origin = 'configured'" + keep,
                    configured.stream().map(ApiKey::sid).toArray());
            return null;
        });
    }

    /** Creates a key with a fresh SID and secret (the only time the secret is shown). */
    public ApiKey create(String accountSid, String friendlyName) {
        Instant now = clock.instant();
        ApiKey key =
                new ApiKey(Secrets.sid("SK"), accountSid, friendlyName, Secrets.apiKeySecret(), ApiKey.API, now, now);
        db.write(tx -> {
            insert(tx, key);
            return null;
        });
        return key;
    }

    /** A key by SID, whatever its account (for authentication). */
    public Optional<ApiKey> find(String sid) {
        return db.read(tx -> tx.one("SELECT " + COLUMNS + " FROM api_keys WHERE sid = ?", MAPPER, sid));
    }

    /** A key of the given account. */
    public Optional<ApiKey> find(String accountSid, String sid) {
        return db.read(tx -> tx.one(
                "SELECT " + COLUMNS + " FROM api_keys WHERE sid = ? AND account_sid = ?", MAPPER, sid, accountSid));
    }

    public Page<ApiKey> list(String accountSid, Cursor after, int limit) {
        Where w = new Where().and("account_sid = ?", accountSid).after(after, "date_created", "sid");
        return db.read(tx -> w.page(
                tx,
                "SELECT " + COLUMNS + " FROM api_keys",
                "date_created",
                "sid",
                limit,
                MAPPER,
                k -> new Cursor(k.dateCreated().toEpochMilli(), k.sid())));
    }

    public Optional<ApiKey> rename(String accountSid, String sid, String friendlyName) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE api_keys SET friendly_name = ?, date_updated = ? WHERE sid = ? AND account_sid = ?",
                    friendlyName,
                    now,
                    sid,
                    accountSid);
            return n == 0
                    ? Optional.<ApiKey>empty()
                    : tx.one("SELECT " + COLUMNS + " FROM api_keys WHERE sid = ?", MAPPER, sid);
        });
    }

    /** Deletes (revokes) a key; false if the account has no such key. */
    public boolean delete(String accountSid, String sid) {
        return db.write(tx -> tx.update("DELETE FROM api_keys WHERE sid = ? AND account_sid = ?", sid, accountSid) > 0);
    }

    static void insert(Tx tx, ApiKey k) throws SQLException {
        tx.update(
                "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                k.sid(),
                k.accountSid(),
                k.friendlyName(),
                k.secret(),
                k.origin(),
                k.dateCreated(),
                k.dateUpdated());
    }
}
