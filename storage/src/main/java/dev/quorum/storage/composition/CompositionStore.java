package dev.quorum.storage.composition;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Tx;
import dev.quorum.storage.jdbc.Where;
import dev.quorum.storage.upload.UploadStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Compositions and the durable job queue the composer's workers take them from.
 *
 * <p>Lifecycle: {@code enqueued} → (claimed by a worker) {@code processing} → {@code completed} |
 * {@code failed}; {@code enqueued} | {@code completed} → {@code deleted}. A job is ready once what
 * it covers is over and none of the recordings it is made of is still being written: a job of the
 * whole room once the room has ended; a job with a {@link CompositionWindow} (an archive's) at
 * once, its window being closed, while the room may go on — it waits only for the recordings that
 * started before its window's end (of its archive, when it has one). A worker that crashes
 * leaves its job {@code processing}; {@link #requeueClaimedBy} (at the worker's start) and
 * {@link #requeueStale} (for other servers' workers) put such jobs back in the queue.
 */
public final class CompositionStore {

    private static final String COLUMNS = "sid, account_sid, room_sid, hook_sid, status, video_layout, audio_sources, "
            + "audio_sources_excluded, resolution, format, trim_gaps, status_callback, status_callback_method, progress, "
            + "duration_ms, size_bytes, bitrate, media_key, media_external_location, failure_reason, claimed_by, "
            + "heartbeat_at, attempts, date_created, date_updated, date_started, date_completed, date_deleted, "
            + "video_rate_control, window_start_ms, window_end_ms, archive_id";

    private static final RowMapper<Composition> MAPPER = rs -> new Composition(
            rs.getString("sid"),
            rs.getString("account_sid"),
            rs.getString("room_sid"),
            rs.getString("hook_sid"),
            rs.getString("status"),
            new CompositionSpec(
                    rs.getString("video_layout"),
                    Rows.strings(rs, "audio_sources"),
                    Rows.strings(rs, "audio_sources_excluded"),
                    rs.getString("resolution"),
                    rs.getString("format"),
                    Rows.bool(rs, "trim_gaps"),
                    rs.getString("status_callback"),
                    rs.getString("status_callback_method"),
                    rs.getString("video_rate_control")),
            rs.getInt("progress"),
            Rows.longOrNull(rs, "duration_ms"),
            Rows.longOrNull(rs, "size_bytes"),
            Rows.intOrNull(rs, "bitrate"),
            rs.getString("media_key"),
            rs.getString("media_external_location"),
            rs.getString("failure_reason"),
            rs.getString("claimed_by"),
            Rows.instant(rs, "heartbeat_at"),
            rs.getInt("attempts"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"),
            Rows.instant(rs, "date_started"),
            Rows.instant(rs, "date_completed"),
            Rows.instant(rs, "date_deleted"),
            window(Rows.longOrNull(rs, "window_start_ms"), Rows.longOrNull(rs, "window_end_ms")),
            rs.getString("archive_id"));

    private static final String SELECT = "SELECT " + COLUMNS + " FROM compositions";

    private final Database db;
    private final Clock clock;

    public CompositionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Stores a new composition as {@code enqueued}.
     *
     * @param sid     a fresh {@code CJ…} SID
     * @param hookSid the hook creating it, or null for a REST-created composition
     */
    public Composition create(String sid, String accountSid, String roomSid, String hookSid, CompositionSpec spec) {
        Instant now = clock.instant();
        return db.write(tx -> {
            tx.update(
                    "INSERT INTO compositions (sid, account_sid, room_sid, hook_sid, status, video_layout, audio_sources,"
                            + " audio_sources_excluded, resolution, format, trim_gaps, status_callback,"
                            + " status_callback_method, progress, attempts, date_created, date_updated, video_rate_control)"
                            + " VALUES (?, ?, ?, ?, 'enqueued', ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)",
                    sid,
                    accountSid,
                    roomSid,
                    hookSid,
                    spec.videoLayoutJson(),
                    Rows.json(spec.audioSources()),
                    Rows.json(spec.audioSourcesExcluded()),
                    spec.resolution(),
                    spec.format(),
                    spec.trim(),
                    spec.statusCallback(),
                    spec.statusCallbackMethod(),
                    now,
                    now,
                    spec.videoRateControl());
            return tx.one(SELECT + " WHERE sid = ?", MAPPER, sid).orElseThrow();
        });
    }

    /**
     * Stores the composition that makes an archive's output, {@code enqueued}, with its window and
     * its layout changes, in one transaction. It is made of the archive's recordings only and is
     * not shown by the Compositions API.
     *
     * @throws dev.quorum.storage.DuplicateException if the archive already has its composition
     */
    public Composition createForArchive(
            String sid,
            String accountSid,
            String roomSid,
            String archiveId,
            CompositionSpec spec,
            CompositionWindow window,
            List<LayoutChange> changes) {
        Instant now = clock.instant();
        return db.write(tx -> {
            tx.update(
                    "INSERT INTO compositions (sid, account_sid, room_sid, hook_sid, status, video_layout, audio_sources,"
                            + " audio_sources_excluded, resolution, format, trim_gaps, status_callback,"
                            + " status_callback_method, progress, attempts, date_created, date_updated, video_rate_control,"
                            + " window_start_ms, window_end_ms, archive_id)"
                            + " VALUES (?, ?, ?, NULL, 'enqueued', ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?)",
                    sid,
                    accountSid,
                    roomSid,
                    spec.videoLayoutJson(),
                    Rows.json(spec.audioSources()),
                    Rows.json(spec.audioSourcesExcluded()),
                    spec.resolution(),
                    spec.format(),
                    spec.trim(),
                    spec.statusCallback(),
                    spec.statusCallbackMethod(),
                    now,
                    now,
                    spec.videoRateControl(),
                    window.startMs(),
                    window.isOpen() ? null : window.endMs(),
                    archiveId);
            insertLayouts(tx, sid, changes, now);
            return tx.one(SELECT + " WHERE sid = ?", MAPPER, sid).orElseThrow();
        });
    }

    /**
     * Closes the open window of an archive's composition when the archive stops: its end, and the
     * layout changes the archive made while it ran (replacing any stored before), in one
     * transaction. A live worker composing it reads the archive itself; a worker that takes it
     * afterwards (no live worker was free, or a restart) composes from what is stored here.
     *
     * @return false if the composition does not exist or its window was already closed
     */
    public boolean closeWindow(String sid, long endMs, List<LayoutChange> changes) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE compositions SET window_end_ms = ?, date_updated = ?"
                            + " WHERE sid = ? AND window_start_ms IS NOT NULL AND window_end_ms IS NULL"
                            + " AND window_start_ms <= ?",
                    endMs,
                    now,
                    sid,
                    endMs);
            if (n == 0) {
                return false;
            }
            tx.update("DELETE FROM composition_layouts WHERE composition_sid = ?", sid);
            insertLayouts(tx, sid, changes, now);
            return true;
        });
    }

    private static void insertLayouts(Tx tx, String sid, List<LayoutChange> changes, Instant now) throws SQLException {
        for (LayoutChange c : changes) {
            tx.update(
                    "INSERT INTO composition_layouts (composition_sid, at_ms, layout, date_created)"
                            + " VALUES (?, ?, ?, ?)",
                    sid,
                    c.atMs(),
                    c.layoutJson(),
                    now);
        }
    }

    /** The composition making an archive's output, if it was created (deleted ones included). */
    public Optional<Composition> ofArchive(String archiveId) {
        return db.read(tx -> tx.one(SELECT + " WHERE archive_id = ?", MAPPER, archiveId));
    }

    /**
     * Marks the composition of an archive {@code deleted} once the archive's output is gone
     * (deleted or expired) or turned out to need none (the archive recorded nothing); the purge
     * of deleted compositions then forgets it. A worker still composing it loses it at its next
     * heartbeat and discards its output.
     */
    public void forgetArchive(String archiveId) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "UPDATE compositions SET status = 'deleted', date_deleted = ?, date_updated = ?"
                        + " WHERE archive_id = ? AND status IN ('enqueued', 'processing', 'completed', 'failed')",
                now,
                now,
                archiveId));
    }

    /**
     * Appends a layout change: from {@code atEpochMillis} on the room clock (the moment of the API
     * call) the composition shows {@code layoutJson}, until a later change. One insert, so changes
     * made at once from several threads or servers are all kept, in the order they were made.
     * Only a composition still {@code enqueued} takes changes: once a worker has started on it,
     * the layouts it composes with are fixed.
     *
     * @return false if the composition does not exist or is no longer enqueued
     */
    public boolean appendLayout(String sid, long atEpochMillis, String layoutJson) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                        "INSERT INTO composition_layouts (composition_sid, at_ms, layout, date_created)"
                                + " SELECT sid, ?, ?, ? FROM compositions WHERE sid = ? AND status = 'enqueued'",
                        atEpochMillis,
                        layoutJson,
                        now,
                        sid)
                > 0);
    }

    /** The layout changes of a composition after its first layout, in the order they were made. */
    public List<LayoutChange> layoutChanges(String sid) {
        return db.read(tx -> tx.list(
                "SELECT at_ms, layout FROM composition_layouts WHERE composition_sid = ?" + " ORDER BY id",
                rs -> new LayoutChange(rs.getLong("at_ms"), rs.getString("layout")),
                sid));
    }

    private static CompositionWindow window(Long startMs, Long endMs) {
        if (startMs == null) {
            return null;
        }
        return endMs == null ? CompositionWindow.open(startMs) : new CompositionWindow(startMs, endMs);
    }

    /**
     * Claims the oldest ready job for {@code worker} and marks it {@code processing}; empty when
     * nothing is ready. Safe to call from several workers and servers at once: each job goes to
     * exactly one of them.
     */
    public Optional<Composition> claimNext(String worker) {
        Instant now = clock.instant();
        return db.write(tx -> {
            Optional<String> sid = tx.one(
                    "SELECT sid FROM compositions c WHERE c.status = 'enqueued'"
                            + " AND (c.window_end_ms IS NOT NULL OR c.window_start_ms IS NULL"
                            + " AND EXISTS (SELECT 1 FROM rooms r WHERE r.sid = c.room_sid AND r.status <> 'in-progress'))"
                            + " AND NOT EXISTS (SELECT 1 FROM recordings g WHERE g.room_sid = c.room_sid AND g.status = 'processing'"
                            + " AND (c.window_end_ms IS NULL OR g.date_created < c.window_end_ms)"
                            + " AND (c.archive_id IS NULL OR EXISTS (SELECT 1 FROM archive_recordings p"
                            + " WHERE p.archive_id = c.archive_id AND p.recording_sid = g.sid)))"
                            + " ORDER BY c.date_created, c.sid LIMIT 1"
                            + tx.dialect().skipLocked(),
                    rs -> rs.getString(1));
            return claim(tx, sid, worker, now);
        });
    }

    /**
     * Claims the oldest composition of a room still in progress for {@code worker}, to be composed
     * live while the room runs, and marks it {@code processing}; empty when there is none: a
     * composition of the whole room, or one of an archive whose window is still open (the archive
     * runs). Compositions of a closed window wait for their recordings as {@link #claimNext} says.
     */
    public Optional<Composition> claimNextLive(String worker) {
        return claimNextLive(worker, null);
    }

    /**
     * As {@link #claimNextLive(String)}, of the rooms {@code host} hosts only (a server instance
     * id, {@code room_hosts}): where recordings are written to the hosting server's disk and then
     * moved to a shared store, only that server can read them as they are written.
     *
     * @param host the hosting instance, or null for any room
     */
    public Optional<Composition> claimNextLive(String worker, String host) {
        Instant now = clock.instant();
        return db.write(tx -> {
            String sql = "SELECT sid FROM compositions c WHERE c.status = 'enqueued'"
                    + " AND c.window_end_ms IS NULL"
                    + " AND EXISTS (SELECT 1 FROM rooms r WHERE r.sid = c.room_sid AND r.status = 'in-progress')"
                    + (host == null
                            ? ""
                            : " AND EXISTS (SELECT 1 FROM room_hosts h WHERE h.room_sid = c.room_sid"
                                    + " AND h.instance_id = ?)")
                    + " ORDER BY c.date_created, c.sid LIMIT 1"
                    + tx.dialect().skipLocked();
            Optional<String> sid =
                    host == null ? tx.one(sql, rs -> rs.getString(1)) : tx.one(sql, rs -> rs.getString(1), host);
            return claim(tx, sid, worker, now);
        });
    }

    /** Marks the chosen job {@code processing} for {@code worker}; empty if another took it first. */
    private static Optional<Composition> claim(Tx tx, Optional<String> sid, String worker, Instant now)
            throws SQLException {
        if (sid.isEmpty()) {
            return Optional.empty();
        }
        int n = tx.update(
                "UPDATE compositions SET status = 'processing', claimed_by = ?, heartbeat_at = ?,"
                        + " date_started = ?, progress = 0, attempts = attempts + 1, date_updated = ?"
                        + " WHERE sid = ? AND status = 'enqueued'",
                worker,
                now,
                now,
                now,
                sid.get());
        return n == 0 ? Optional.empty() : tx.one(SELECT + " WHERE sid = ?", MAPPER, sid.get());
    }

    /** Records progress (0–100) and a heartbeat; false if the job is no longer this worker's. */
    public boolean progress(String sid, String worker, int percent) {
        Instant now = clock.instant();
        int p = Math.max(0, Math.min(100, percent));
        return db.write(tx -> tx.update(
                        "UPDATE compositions SET progress = ?, heartbeat_at = ?, date_updated = ?"
                                + " WHERE sid = ? AND status = 'processing' AND claimed_by = ?",
                        p,
                        now,
                        now,
                        sid,
                        worker)
                > 0);
    }

    /**
     * processing → completed with the output's facts; empty if the job is no longer this
     * worker's (e.g. requeued), in which case the worker should discard its output.
     */
    public Optional<Composition> complete(
            String sid, String worker, long durationMs, long sizeBytes, int bitrateKbps, String mediaKey) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE compositions SET status = 'completed', progress = 100, duration_ms = ?,"
                            + " size_bytes = ?, bitrate = ?, media_key = ?, date_completed = ?, date_updated = ?, heartbeat_at = ?"
                            + " WHERE sid = ? AND status = 'processing' AND claimed_by = ?",
                    durationMs,
                    sizeBytes,
                    bitrateKbps,
                    mediaKey,
                    now,
                    now,
                    now,
                    sid,
                    worker);
            return n == 0 ? Optional.<Composition>empty() : tx.one(SELECT + " WHERE sid = ?", MAPPER, sid);
        });
    }

    /** enqueued | processing → failed with a reason a user can read; empty if neither. */
    public Optional<Composition> fail(String sid, String reason) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE compositions SET status = 'failed', failure_reason = ?, date_updated = ?"
                            + " WHERE sid = ? AND status IN ('enqueued', 'processing')",
                    reason,
                    now,
                    sid);
            return n == 0 ? Optional.<Composition>empty() : tx.one(SELECT + " WHERE sid = ?", MAPPER, sid);
        });
    }

    /** Puts the jobs {@code worker} left processing back in the queue (call at its start). */
    /** The claim a composition holds while its file waits in the upload queue (workers leave it alone). */
    public static final String UPLOADING = "upload";

    /**
     * The composed file is written and waits for its upload: the composition stays
     * {@code processing}, claimed by the upload queue rather than the worker.
     */
    public boolean awaitUpload(
            String sid, String worker, long durationMs, long sizeBytes, int bitrateKbps, String mediaKey) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                        "UPDATE compositions SET claimed_by = ?, progress = 100, duration_ms = ?,"
                                + " size_bytes = ?, bitrate = ?, media_key = ?, date_updated = ? WHERE sid = ? AND status = 'processing'"
                                + " AND claimed_by = ?",
                        UPLOADING,
                        durationMs,
                        sizeBytes,
                        bitrateKbps,
                        mediaKey,
                        now,
                        sid,
                        worker)
                > 0);
    }

    /**
     * processing → completed once the upload stored the file: its key in the server's store (null
     * when only in the account's bucket), its external location, its stored size.
     */
    public Optional<Composition> completeStored(String sid, String mediaKey, String externalLocation, long sizeBytes) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE compositions SET status = 'completed', claimed_by = NULL, media_key = ?,"
                            + " media_external_location = ?, size_bytes = ?, date_completed = ?, date_updated = ?"
                            + " WHERE sid = ? AND status = 'processing' AND claimed_by = ?",
                    mediaKey,
                    externalLocation,
                    sizeBytes,
                    now,
                    now,
                    sid,
                    UPLOADING);
            return n == 0 ? Optional.<Composition>empty() : tx.one(SELECT + " WHERE sid = ?", MAPPER, sid);
        });
    }

    public int requeueClaimedBy(String worker) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                "UPDATE compositions SET status = 'enqueued', claimed_by = NULL, progress = 0,"
                        + " date_updated = ? WHERE status = 'processing' AND claimed_by = ?",
                now,
                worker));
    }

    /** Puts back in the queue the processing jobs whose worker has not reported since {@code before}. */
    public int requeueStale(Instant before) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                "UPDATE compositions SET status = 'enqueued', claimed_by = NULL, progress = 0,"
                        + " date_updated = ? WHERE status = 'processing' AND heartbeat_at < ? AND claimed_by <> ?",
                now,
                before,
                UPLOADING));
    }

    /** Jobs waiting to be claimed (ready or not): the queue depth. */
    public long enqueuedCount() {
        return db.read(tx -> tx.scalar("SELECT COUNT(*) FROM compositions WHERE status = 'enqueued'"));
    }

    public Optional<Composition> find(String sid) {
        return db.read(tx -> tx.one(SELECT + " WHERE sid = ?", MAPPER, sid));
    }

    /** A composition of the Compositions API (not one making an archive's output) of the account. */
    public Optional<Composition> find(String accountSid, String sid) {
        return db.read(tx ->
                tx.one(SELECT + " WHERE sid = ? AND account_sid = ? AND archive_id IS NULL", MAPPER, sid, accountSid));
    }

    /**
     * The account's compositions of the Compositions API, newest first; deleted ones only when the
     * filter asks for status {@code deleted}.
     */
    public Page<Composition> list(String accountSid, CompositionFilter f, Cursor after, int limit) {
        Where w = new Where().and("account_sid = ?", accountSid).and("archive_id IS NULL");
        if (f.status() == null) {
            w.and("status <> 'deleted'");
        } else {
            w.and("status = ?", f.status());
        }
        w.andIf(f.roomSid(), "room_sid = ?")
                .andIf(f.createdAfter(), "date_created >= ?")
                .andIf(f.createdBefore(), "date_created < ?")
                .after(after, "date_created", "sid");
        return db.read(tx -> w.page(
                tx,
                SELECT,
                "date_created",
                "sid",
                limit,
                MAPPER,
                c -> new Cursor(c.dateCreated().toEpochMilli(), c.sid())));
    }

    /** A room's compositions that are not deleted, oldest first. */
    public List<Composition> ofRoom(String roomSid) {
        return db.read(tx -> tx.list(
                SELECT + " WHERE room_sid = ? AND status <> 'deleted' ORDER BY date_created, sid", MAPPER, roomSid));
    }

    /**
     * enqueued | completed → deleted, stamping {@code date_deleted}; returns the composition as it
     * was, so the caller can remove its media. Empty if absent or in another status.
     */
    public Optional<Composition> markDeleted(String accountSid, String sid) {
        Instant now = clock.instant();
        return db.write(tx -> {
            Optional<Composition> before = tx.one(
                    SELECT + " WHERE sid = ? AND account_sid = ? AND archive_id IS NULL", MAPPER, sid, accountSid);
            if (before.isEmpty()) {
                return before;
            }
            int n = tx.update(
                    "UPDATE compositions SET status = 'deleted', date_deleted = ?, date_updated = ?"
                            + " WHERE sid = ? AND status IN ('enqueued', 'completed')",
                    now,
                    now,
                    sid);
            return n == 0 ? Optional.<Composition>empty() : before;
        });
    }

    /** Up to {@code limit} compositions completed before {@code before}: media past its retention. */
    public List<Composition> completedBefore(Instant before, int limit) {
        return db.read(tx -> tx.list(
                SELECT + " WHERE status = 'completed' AND date_completed < ?" + " ORDER BY date_completed LIMIT ?",
                MAPPER,
                before,
                limit));
    }

    /** Forgets deleted compositions whose deletion is older than {@code deletedBefore}, and their uploads. */
    public int purgeDeletedBefore(Instant deletedBefore) {
        return db.write(tx -> {
            tx.update(
                    "DELETE FROM composition_layouts WHERE composition_sid IN (SELECT sid FROM compositions"
                            + " WHERE status = 'deleted' AND date_deleted < ?)",
                    deletedBefore);
            UploadStore.forgetIn(
                    tx, "SELECT sid FROM compositions WHERE status = 'deleted' AND date_deleted < ?", deletedBefore);
            return tx.update("DELETE FROM compositions WHERE status = 'deleted' AND date_deleted < ?", deletedBefore);
        });
    }
}
