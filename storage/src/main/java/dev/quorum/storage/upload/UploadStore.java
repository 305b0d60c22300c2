package dev.quorum.storage.upload;

import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The durable upload queue: an upload is stored before its resource is said to be waiting for it,
 * and processed by the node whose disk holds the file, so pending uploads survive restarts. Kept
 * after finishing as the record of where each file went.
 */
public final class UploadStore {

    private static final String COLUMNS = "id, account_sid, resource_sid, resource_kind, local_key, node, destination,"
            + " s3_url, credentials_sid, encryption_key_sid, fallback, keep_local, status, attempts, next_attempt_at,"
            + " deadline_at, last_error, stored_in, location, object_key, wrapped_key, iv, size_bytes, date_created,"
            + " date_finished";

    private static final RowMapper<Upload> MAPPER = rs -> new Upload(
            rs.getLong("id"),
            rs.getString("account_sid"),
            rs.getString("resource_sid"),
            rs.getString("resource_kind"),
            rs.getString("local_key"),
            rs.getString("node"),
            Destination.valueOf(rs.getString("destination").toUpperCase(Locale.ROOT)),
            rs.getString("s3_url"),
            rs.getString("credentials_sid"),
            rs.getString("encryption_key_sid"),
            Rows.bool(rs, "fallback"),
            Rows.bool(rs, "keep_local"),
            rs.getString("status"),
            rs.getInt("attempts"),
            Rows.instant(rs, "next_attempt_at"),
            Rows.instant(rs, "deadline_at"),
            rs.getString("last_error"),
            rs.getString("stored_in"),
            rs.getString("location"),
            rs.getString("object_key"),
            rs.getString("wrapped_key"),
            rs.getString("iv"),
            Rows.longOrNull(rs, "size_bytes"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_finished"));

    private static final String SELECT = "SELECT " + COLUMNS + " FROM media_uploads";

    private final Database db;
    private final Clock clock;

    public UploadStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Queues an upload, due now; durable when this returns. */
    public Upload enqueue(NewUpload u) {
        Instant now = clock.instant();
        return db.write(tx -> {
            long id = tx.insertReturningId(
                    "INSERT INTO media_uploads (account_sid, resource_sid, resource_kind,"
                            + " local_key, node, destination, s3_url, credentials_sid, encryption_key_sid, fallback,"
                            + " keep_local, status, attempts, next_attempt_at, deadline_at, date_created)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) RETURNING id",
                    u.accountSid(),
                    u.resourceSid(),
                    u.resourceKind(),
                    u.localKey(),
                    u.node(),
                    u.destination().column(),
                    u.s3Url(),
                    u.credentialsSid(),
                    u.encryptionKeySid(),
                    u.fallback(),
                    u.keepLocal(),
                    now,
                    now.plus(u.window()),
                    now);
            return tx.one(SELECT + " WHERE id = ?", MAPPER, id).orElseThrow();
        });
    }

    /**
     * Leases up to {@code limit} of this node's uploads that are due, for {@code lease}: another
     * thread (or this node after a restart, once the lease has passed) does not take them meanwhile.
     */
    public List<Upload> claimDue(String node, int limit, Duration lease) {
        Instant now = clock.instant();
        return db.write(tx -> {
            List<Upload> due = tx.list(
                    SELECT + " WHERE node = ? AND status = 'pending' AND next_attempt_at <= ?"
                            + " AND (leased_until IS NULL OR leased_until <= ?) ORDER BY next_attempt_at, id LIMIT ?",
                    MAPPER,
                    node,
                    now,
                    now,
                    limit);
            List<Upload> claimed = new ArrayList<>();
            for (Upload u : due) {
                if (tx.update(
                                "UPDATE media_uploads SET leased_until = ? WHERE id = ? AND status = 'pending'"
                                        + " AND (leased_until IS NULL OR leased_until <= ?)",
                                now.plus(lease),
                                u.id(),
                                now)
                        == 1) {
                    claimed.add(u);
                }
            }
            return claimed;
        });
    }

    /** When this node's next pending upload is due, if any. */
    public Optional<Instant> nextDue(String node) {
        return db.read(tx -> tx.one(
                        "SELECT MIN(next_attempt_at) AS t FROM media_uploads WHERE node = ? AND status = 'pending'",
                        rs -> Rows.instant(rs, "t"),
                        node))
                .filter(t -> t != null);
    }

    /** Frees this node's leases (at start: nothing of this node is in flight any more). */
    public int releaseLeases(String node) {
        return db.write(tx ->
                tx.update("UPDATE media_uploads SET leased_until = NULL WHERE node = ? AND status = 'pending'", node));
    }

    /** Records a failed attempt; the next one is due at {@code nextAt}. */
    public void retry(long id, String error, Instant nextAt) {
        db.write(tx -> tx.update(
                "UPDATE media_uploads SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                        + " leased_until = NULL WHERE id = ? AND status = 'pending'",
                error,
                nextAt,
                id));
    }

    /**
     * Records how the upload ended; false if it was no longer pending (cancelled meanwhile: the
     * caller removes what it stored).
     */
    public boolean finish(Upload done) {
        return db.write(tx -> tx.update(
                        "UPDATE media_uploads SET status = ?, attempts = ?, last_error = ?, stored_in = ?,"
                                + " location = ?, object_key = ?, wrapped_key = ?, iv = ?, size_bytes = ?, date_finished = ?,"
                                + " leased_until = NULL WHERE id = ? AND status = 'pending'",
                        done.status(),
                        done.attempts(),
                        done.lastError(),
                        done.storedIn(),
                        done.location(),
                        done.objectKey(),
                        done.wrappedKey(),
                        done.iv(),
                        done.sizeBytes(),
                        done.dateFinished(),
                        done.id())
                > 0);
    }

    /** Whether the upload is still pending (not finished, not cancelled). */
    public boolean isPending(long id) {
        return db.read(tx -> tx.one("SELECT status FROM media_uploads WHERE id = ?", rs -> rs.getString(1), id))
                .map(Upload.PENDING::equals)
                .orElse(false);
    }

    /**
     * Cancels a resource's pending uploads (the resource is being deleted): no node takes them any
     * more, and an attempt in flight removes what it stored instead of recording it.
     */
    public int cancel(String resourceSid) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                "UPDATE media_uploads SET status = 'cancelled', last_error = 'Its resource was deleted',"
                        + " date_finished = ?, leased_until = NULL WHERE resource_sid = ? AND status = 'pending'",
                now,
                resourceSid));
    }

    public Optional<Upload> find(long id) {
        return db.read(tx -> tx.one(SELECT + " WHERE id = ?", MAPPER, id));
    }

    /** A resource's uploads, oldest first. */
    public List<Upload> ofResource(String resourceSid) {
        return db.read(tx -> tx.list(SELECT + " WHERE resource_sid = ? ORDER BY id", MAPPER, resourceSid));
    }

    /** The resource's latest upload, if it had any. */
    public Optional<Upload> latest(String resourceSid) {
        List<Upload> all = ofResource(resourceSid);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Uploads pending on a node (a gauge). */
    public long pending(String node) {
        return db.read(
                tx -> tx.scalar("SELECT COUNT(*) FROM media_uploads WHERE node = ? AND status = 'pending'", node));
    }

    /** Forgets a resource's upload records (the resource was purged). */
    public int forget(String resourceSid) {
        return db.write(tx -> tx.update("DELETE FROM media_uploads WHERE resource_sid = ?", resourceSid));
    }

    /**
     * In a purge's transaction: forgets the upload records of the resources that {@code
     * selectSids} (a SELECT of their SIDs, with its parameters) names.
     */
    public static int forgetIn(dev.quorum.storage.jdbc.Tx tx, String selectSids, Object... params)
            throws java.sql.SQLException {
        return tx.update("DELETE FROM media_uploads WHERE resource_sid IN (" + selectSids + ")", params);
    }
}
