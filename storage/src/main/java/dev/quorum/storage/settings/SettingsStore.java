package dev.quorum.storage.settings;

import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The per-account recording and composition settings singletons. */
public final class SettingsStore {

    private static final String COLUMNS = "account_sid, kind, friendly_name, aws_credentials_sid, aws_s3_url, "
            + "aws_storage_enabled, encryption_key_sid, encryption_enabled, date_updated";

    private static final RowMapper<MediaSettings> MAPPER = rs -> new MediaSettings(
            rs.getString("account_sid"),
            MediaSettings.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
            rs.getString("friendly_name"),
            rs.getString("aws_credentials_sid"),
            rs.getString("aws_s3_url"),
            Rows.bool(rs, "aws_storage_enabled"),
            rs.getString("encryption_key_sid"),
            Rows.bool(rs, "encryption_enabled"),
            Rows.instant(rs, "date_updated"));

    private final Database db;
    private final Clock clock;

    public SettingsStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The stored settings, or empty if the account never set them. */
    public Optional<MediaSettings> find(String accountSid, MediaSettings.Kind kind) {
        return db.read(tx -> tx.one(
                "SELECT " + COLUMNS + " FROM media_settings WHERE account_sid = ? AND kind = ?",
                MAPPER,
                accountSid,
                kind.column()));
    }

    /** Replaces the settings (every field; omitted ones are given as null/false by the caller). */
    public MediaSettings put(MediaSettings s) {
        Instant now = clock.instant();
        return db.write(tx -> {
            tx.update(
                    "INSERT INTO media_settings (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (account_sid, kind) DO UPDATE SET friendly_name = excluded.friendly_name,"
                            + " aws_credentials_sid = excluded.aws_credentials_sid, aws_s3_url = excluded.aws_s3_url,"
                            + " aws_storage_enabled = excluded.aws_storage_enabled,"
                            + " encryption_key_sid = excluded.encryption_key_sid,"
                            + " encryption_enabled = excluded.encryption_enabled, date_updated = excluded.date_updated",
                    s.accountSid(),
                    s.kind().column(),
                    s.friendlyName(),
                    s.awsCredentialsSid(),
                    s.awsS3Url(),
                    s.awsStorageEnabled(),
                    s.encryptionKeySid(),
                    s.encryptionEnabled(),
                    now);
            return tx.one(
                            "SELECT " + COLUMNS + " FROM media_settings WHERE account_sid = ? AND kind = ?",
                            MAPPER,
                            s.accountSid(),
                            s.kind().column())
                    .orElseThrow();
        });
    }
}
