package dev.quorum.storage.credential;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import dev.quorum.storage.account.Secrets;
import dev.quorum.storage.crypto.SecretsKey;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Where;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The Accounts API's credentials, each usable only by its account. */
public final class CredentialStore {

    private static final String COLUMNS = "sid, account_sid, type, friendly_name, aws_key_id, aws_secret, public_key,"
            + " date_created, date_updated";

    private final RowMapper<Credential> mapper;

    private final Database db;
    private final Clock clock;
    private final SecretsKey key;

    /** @param key encrypts the AWS secrets at rest */
    public CredentialStore(Database db, Clock clock, SecretsKey key) {
        this.db = db;
        this.clock = clock;
        this.key = key;
        this.mapper = rs -> new Credential(
                rs.getString("sid"),
                rs.getString("account_sid"),
                rs.getString("type"),
                rs.getString("friendly_name"),
                rs.getString("aws_key_id"),
                key.open(rs.getString("aws_secret"), rs.getString("sid")),
                rs.getString("public_key"),
                Rows.instant(rs, "date_created"),
                Rows.instant(rs, "date_updated"));
    }

    /**
     * At start: checks that every sealed secret was sealed with this server's key (else the start
     * fails with what to do), then seals the secrets stored in plaintext by earlier versions.
     *
     * @return how many plaintext secrets were sealed
     */
    public int sealPlaintextSecrets() {
        return db.write(tx -> {
            List<String[]> rows = tx.list("SELECT sid, aws_secret FROM credentials WHERE aws_secret IS NOT NULL", rs ->
                    new String[] {rs.getString(1), rs.getString(2)});
            int sealed = 0;
            for (String[] r : rows) {
                if (SecretsKey.isSealed(r[1])) {
                    key.open(r[1], r[0]);
                } else {
                    tx.update("UPDATE credentials SET aws_secret = ? WHERE sid = ?", key.seal(r[1], r[0]), r[0]);
                    sealed++;
                }
            }
            return sealed;
        });
    }

    /** Stores AWS credentials under a new {@code CR…} SID. */
    public Credential createAws(String accountSid, String friendlyName, String keyId, String secret) {
        return insert(new Credential(
                Secrets.sid("CR"), accountSid, Credential.AWS, friendlyName, keyId, secret, null, null, null));
    }

    /** Stores a (validated) PEM public key under a new {@code CR…} SID. */
    public Credential createPublicKey(String accountSid, String friendlyName, String pem) {
        return insert(new Credential(
                Secrets.sid("CR"), accountSid, Credential.PUBLIC_KEY, friendlyName, null, null, pem, null, null));
    }

    private Credential insert(Credential c) {
        Instant now = clock.instant();
        return db.write(tx -> {
            tx.update(
                    "INSERT INTO credentials (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.sid(),
                    c.accountSid(),
                    c.type(),
                    c.friendlyName(),
                    c.awsKeyId(),
                    c.awsSecret() == null ? null : key.seal(c.awsSecret(), c.sid()),
                    c.publicKey(),
                    now,
                    now);
            return tx.one("SELECT " + COLUMNS + " FROM credentials WHERE sid = ?", mapper, c.sid())
                    .orElseThrow();
        });
    }

    /** The account's credential of that type, or empty (another account's is never found). */
    public Optional<Credential> find(String accountSid, String type, String sid) {
        return db.read(tx -> tx.one(
                "SELECT " + COLUMNS + " FROM credentials WHERE sid = ? AND account_sid = ? AND type = ?",
                mapper,
                sid,
                accountSid,
                type));
    }

    /** The account's credentials of a type, newest first, after {@code after}. */
    public Page<Credential> list(String accountSid, String type, Cursor after, int limit) {
        Where w = new Where()
                .and("account_sid = ?", accountSid)
                .and("type = ?", type)
                .after(after, "date_created", "sid");
        return db.read(tx -> w.page(
                tx,
                "SELECT " + COLUMNS + " FROM credentials",
                "date_created",
                "sid",
                limit,
                mapper,
                c -> new Cursor(c.dateCreated().toEpochMilli(), c.sid())));
    }

    /** Renames a credential; empty if the account has none by that SID and type. */
    public Optional<Credential> rename(String accountSid, String type, String sid, String friendlyName) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE credentials SET friendly_name = ?, date_updated = ? WHERE sid = ? AND account_sid = ?"
                            + " AND type = ?",
                    friendlyName,
                    now,
                    sid,
                    accountSid,
                    type);
            return n == 0
                    ? Optional.<Credential>empty()
                    : tx.one("SELECT " + COLUMNS + " FROM credentials WHERE sid = ?", mapper, sid);
        });
    }

    /** Deletes a credential; false if the account has none by that SID and type. */
    public boolean delete(String accountSid, String type, String sid) {
        return db.write(tx -> tx.update(
                        "DELETE FROM credentials WHERE sid = ? AND account_sid = ? AND type = ?", sid, accountSid, type)
                > 0);
    }
}
