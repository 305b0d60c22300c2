package dev.quorum.storage.recording;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Where;
import dev.quorum.storage.upload.UploadStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Recordings: written by the recorder as tracks are recorded, read by the REST API and the
 * composer. Status moves processing → completed | failed, and completed | failed → deleted; every
 * transition is a conditional update, so a late or repeated call cannot move a recording back.
 */
public final class RecordingStore {

    private static final String COLUMNS = "sid, account_sid, room_sid, participant_sid, source_sid, track_name, type, "
            + "codec, container_format, status, offset_ms, duration_ms, size_bytes, media_key, media_external_location, "
            + "status_callback, status_callback_method, writer_node, last_flush_at, failure_reason, date_created, "
            + "date_updated, date_completed, date_deleted, packets_lost, packets_dropped";

    private static final RowMapper<Recording> MAPPER = rs -> new Recording(
            rs.getString("sid"),
            rs.getString("account_sid"),
            rs.getString("room_sid"),
            rs.getString("participant_sid"),
            rs.getString("source_sid"),
            rs.getString("track_name"),
            rs.getString("type"),
            rs.getString("codec"),
            rs.getString("container_format"),
            rs.getString("status"),
            Rows.longOrNull(rs, "offset_ms"),
            Rows.longOrNull(rs, "duration_ms"),
            Rows.longOrNull(rs, "size_bytes"),
            rs.getString("media_key"),
            rs.getString("media_external_location"),
            rs.getString("status_callback"),
            rs.getString("status_callback_method"),
            rs.getString("writer_node"),
            Rows.instant(rs, "last_flush_at"),
            rs.getString("failure_reason"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"),
            Rows.instant(rs, "date_completed"),
            Rows.instant(rs, "date_deleted"),
            Rows.longOrNull(rs, "packets_lost"),
            Rows.longOrNull(rs, "packets_dropped"));

    private static final String SELECT = "SELECT " + COLUMNS + " FROM recordings";

    private final Database db;
    private final Clock clock;

    public RecordingStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Stores a recording that has just started ({@code processing}); call before writing media.
     * Without a status callback of its own it takes its room's, as stored now.
     */
    public Recording create(NewRecording r) {
        Instant now = clock.instant();
        return db.write(tx -> {
            String[] callback = {r.statusCallback(), r.statusCallbackMethod()};
            if (callback[0] == null) {
                tx.one(
                                "SELECT status_callback, status_callback_method FROM rooms WHERE sid = ?",
                                rs -> new String[] {rs.getString(1), rs.getString(2)},
                                r.roomSid())
                        .filter(room -> room[0] != null)
                        .ifPresent(room -> {
                            callback[0] = room[0];
                            callback[1] = room[1];
                        });
            }
            tx.update(
                    "INSERT INTO recordings (sid, account_sid, room_sid, participant_sid, source_sid, track_name, type,"
                            + " codec, container_format, status, offset_ms, size_bytes, media_key, status_callback,"
                            + " status_callback_method, writer_node, date_created, date_updated)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'processing', ?, 0, ?, ?, ?, ?, ?, ?)",
                    r.sid(),
                    r.accountSid(),
                    r.roomSid(),
                    r.participantSid(),
                    r.sourceSid(),
                    r.trackName(),
                    r.type(),
                    r.codec(),
                    r.containerFormat(),
                    r.offsetMs(),
                    r.mediaKey(),
                    callback[0],
                    callback[1],
                    r.writerNode(),
                    now,
                    now);
            return tx.one(SELECT + " WHERE sid = ?", MAPPER, r.sid()).orElseThrow();
        });
    }

    /** Sets the start offset once the first media arrived; only while processing. */
    public boolean setOffset(String sid, long offsetMs) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                        "UPDATE recordings SET offset_ms = ?, date_updated = ? WHERE sid = ?"
                                + " AND status = 'processing'",
                        offsetMs,
                        now,
                        sid)
                > 0);
    }

    /** Records that the writer made the file durable up to {@code sizeBytes}. */
    public boolean markFlushed(String sid, Instant at, long sizeBytes) {
        return db.write(tx -> tx.update(
                        "UPDATE recordings SET last_flush_at = ?, size_bytes = ?, date_updated = ?"
                                + " WHERE sid = ? AND status = 'processing'",
                        at,
                        sizeBytes,
                        at,
                        sid)
                > 0);
    }

    /** processing → completed with the final duration and size; empty if it was not processing. */
    public Optional<Recording> complete(String sid, long durationMs, long sizeBytes) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE recordings SET status = 'completed', duration_ms = ?, size_bytes = ?,"
                            + " date_completed = ?, date_updated = ? WHERE sid = ? AND status = 'processing'",
                    durationMs,
                    sizeBytes,
                    now,
                    now,
                    sid);
            return n == 0 ? Optional.<Recording>empty() : tx.one(SELECT + " WHERE sid = ?", MAPPER, sid);
        });
    }

    /**
     * The file is written (duration and size final) and waits for its upload: the recording stays
     * {@code processing}, no longer tied to its writer (crash recovery leaves it alone).
     */
    public boolean awaitUpload(String sid, long durationMs, long sizeBytes) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                        "UPDATE recordings SET duration_ms = ?, size_bytes = ?, writer_node = NULL,"
                                + " date_updated = ? WHERE sid = ? AND status = 'processing'",
                        durationMs,
                        sizeBytes,
                        now,
                        sid)
                > 0);
    }

    /**
     * processing → completed once the upload stored the file: its key in the server's store (null
     * when it is only in an external bucket), its external location (or null), and its stored size.
     */
    public Optional<Recording> completeStored(String sid, String mediaKey, String externalLocation, long sizeBytes) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE recordings SET status = 'completed', media_key = ?, media_external_location = ?,"
                            + " size_bytes = ?, date_completed = ?, date_updated = ? WHERE sid = ? AND status = 'processing'",
                    mediaKey,
                    externalLocation,
                    sizeBytes,
                    now,
                    now,
                    sid);
            return n == 0 ? Optional.<Recording>empty() : tx.one(SELECT + " WHERE sid = ?", MAPPER, sid);
        });
    }

    /** Stores the recorder's packet counts of a recording (at completion, or when it failed). */
    public boolean setPacketCounts(String sid, long packetsLost, long packetsDropped) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                        "UPDATE recordings SET packets_lost = ?, packets_dropped = ?, date_updated = ?"
                                + " WHERE sid = ?",
                        packetsLost,
                        packetsDropped,
                        now,
                        sid)
                > 0);
    }

    /** processing → failed; empty if it was not processing. The media, if any, is kept. */
    public Optional<Recording> fail(String sid, String reason) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE recordings SET status = 'failed', failure_reason = ?, date_updated = ?"
                            + " WHERE sid = ? AND status = 'processing'",
                    reason,
                    now,
                    sid);
            return n == 0 ? Optional.<Recording>empty() : tx.one(SELECT + " WHERE sid = ?", MAPPER, sid);
        });
    }

    /** Recordings a writer left in progress: what a restarted recorder must finish or fail. */
    public List<Recording> processingOn(String writerNode) {
        return db.read(tx -> tx.list(
                SELECT + " WHERE writer_node = ? AND status = 'processing' ORDER BY date_created, sid",
                MAPPER,
                writerNode));
    }

    /** A recording by SID whatever its account. */
    public Optional<Recording> find(String sid) {
        return db.read(tx -> tx.one(SELECT + " WHERE sid = ?", MAPPER, sid));
    }

    public Optional<Recording> find(String accountSid, String sid) {
        return db.read(tx -> tx.one(SELECT + " WHERE sid = ? AND account_sid = ?", MAPPER, sid, accountSid));
    }

    /** Newest first; deleted recordings only when the filter asks for status {@code deleted}. */
    public Page<Recording> list(String accountSid, RecordingFilter f, Cursor after, int limit) {
        Where w = new Where().and("account_sid = ?", accountSid);
        if (f.status() == null) {
            w.and("status <> 'deleted'");
        } else {
            w.and("status = ?", f.status());
        }
        w.andIf(f.sourceSid(), "source_sid = ?")
                .andIf(f.roomSid(), "room_sid = ?")
                .andIf(f.mediaType(), "type = ?")
                .andIf(f.createdAfter(), "date_created >= ?")
                .andIf(f.createdBefore(), "date_created < ?");
        for (String g : f.groupingSids()) {
            w.and("(room_sid = ? OR participant_sid = ?)", g, g);
        }
        w.after(after, "date_created", "sid");
        return db.read(tx -> w.page(
                tx,
                SELECT,
                "date_created",
                "sid",
                limit,
                MAPPER,
                r -> new Cursor(r.dateCreated().toEpochMilli(), r.sid())));
    }

    /** A room's recordings that are not deleted, oldest first. */
    public List<Recording> ofRoom(String roomSid) {
        return db.read(tx -> tx.list(
                SELECT + " WHERE room_sid = ? AND status <> 'deleted' ORDER BY date_created, sid", MAPPER, roomSid));
    }

    /**
     * completed | failed → deleted, stamping {@code date_deleted}; returns the recording as it was
     * before, so the caller can remove its media. Empty if absent, processing or already deleted.
     */
    public Optional<Recording> markDeleted(String accountSid, String sid) {
        Instant now = clock.instant();
        return db.write(tx -> {
            Optional<Recording> before = tx.one(SELECT + " WHERE sid = ? AND account_sid = ?", MAPPER, sid, accountSid);
            if (before.isEmpty()) {
                return before;
            }
            int n = tx.update(
                    "UPDATE recordings SET status = 'deleted', date_deleted = ?, date_updated = ?"
                            + " WHERE sid = ? AND status IN ('completed', 'failed')",
                    now,
                    now,
                    sid);
            return n == 0 ? Optional.<Recording>empty() : before;
        });
    }

    /** Up to {@code limit} completed or failed recordings finished before {@code before}: media past its retention. */
    public List<Recording> finishedBefore(Instant before, int limit) {
        return db.read(tx -> tx.list(
                SELECT + " WHERE status IN ('completed', 'failed') AND date_updated < ?"
                        + " ORDER BY date_updated LIMIT ?",
                MAPPER,
                before,
                limit));
    }

    /** Forgets deleted recordings whose deletion is older than {@code deletedBefore}, and their uploads. */
    public int purgeDeletedBefore(Instant deletedBefore) {
        return db.write(tx -> {
            UploadStore.forgetIn(
                    tx, "SELECT sid FROM recordings WHERE status = 'deleted' AND date_deleted < ?", deletedBefore);
            return tx.update("DELETE FROM recordings WHERE status = 'deleted' AND date_deleted < ?", deletedBefore);
        });
    }
}
