package dev.quorum.storage.archive;

import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Tx;
import dev.quorum.storage.upload.UploadStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Archives and their status machine. Every transition is one conditional update, so two callers
 * racing (a user's stop and a timer's) cannot both win: the loser gets an empty answer.
 */
public final class ArchiveStore {

    /** A page of a project's archives and how many match in all. */
    public record Listed(List<Archive> items, long total) {}

    /** A recording an archive is made of, and the stream it belongs to. */
    public record Part(String recordingSid, String streamId) {}

    private static final String COLUMNS = "id, project_id, account_sid, session_id, room_sid, name, status, reason,"
            + " output_mode, stream_mode, has_audio, has_video, resolution, layout, multi_archive_tag, max_bitrate,"
            + " quantization_parameter, automatic, date_requested, date_recording, date_stopped, status_since,"
            + " recorded_ms, size_bytes, duration_ms, media_key, sha256, failure, date_expires, date_updated, date_deleted";

    private static final RowMapper<Archive> MAPPER = rs -> new Archive(
            rs.getString("id"),
            rs.getString("project_id"),
            rs.getString("account_sid"),
            rs.getString("session_id"),
            rs.getString("room_sid"),
            rs.getString("name"),
            rs.getString("status"),
            rs.getString("reason"),
            rs.getString("output_mode"),
            rs.getString("stream_mode"),
            Rows.bool(rs, "has_audio"),
            Rows.bool(rs, "has_video"),
            rs.getString("resolution"),
            rs.getString("layout"),
            rs.getString("multi_archive_tag"),
            Rows.intOrNull(rs, "max_bitrate"),
            Rows.intOrNull(rs, "quantization_parameter"),
            Rows.bool(rs, "automatic"),
            Rows.instant(rs, "date_requested"),
            Rows.instant(rs, "date_recording"),
            Rows.instant(rs, "date_stopped"),
            Rows.instant(rs, "status_since"),
            rs.getLong("recorded_ms"),
            rs.getLong("size_bytes"),
            Rows.longOrNull(rs, "duration_ms"),
            rs.getString("media_key"),
            rs.getString("sha256"),
            rs.getString("failure"),
            Rows.instant(rs, "date_expires"),
            Rows.instant(rs, "date_updated"),
            Rows.instant(rs, "date_deleted"));

    private static final RowMapper<ArchiveStreamSelection> SELECTION = rs -> new ArchiveStreamSelection(
            rs.getString("archive_id"),
            rs.getString("stream_id"),
            Rows.bool(rs, "has_audio"),
            Rows.bool(rs, "has_video"),
            Rows.instant(rs, "date_added"),
            Rows.instant(rs, "date_removed"));

    private static final String SELECT = "SELECT " + COLUMNS + " FROM archives";
    private static final String RECORDING = "('started', 'paused')";

    private final Database db;
    private final Clock clock;

    public ArchiveStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a new archive and, for a composed one, the first entry of its layout timeline. */
    public Archive create(Archive a) {
        return db.write(tx -> {
            tx.update(
                    "INSERT INTO archives (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.id(),
                    a.projectId(),
                    a.accountSid(),
                    a.sessionId(),
                    a.roomSid(),
                    a.name(),
                    a.status(),
                    a.reason(),
                    a.outputMode(),
                    a.streamMode(),
                    a.hasAudio(),
                    a.hasVideo(),
                    a.resolution(),
                    a.layout(),
                    a.multiArchiveTag(),
                    a.maxBitrate(),
                    a.quantizationParameter(),
                    a.automatic(),
                    a.dateRequested(),
                    a.dateRecording(),
                    a.dateStopped(),
                    a.statusSince(),
                    a.recordedMs(),
                    a.sizeBytes(),
                    a.durationMs(),
                    a.mediaKey(),
                    a.sha256(),
                    a.failure(),
                    a.dateExpires(),
                    a.dateUpdated(),
                    a.dateDeleted());
            if (a.layout() != null) {
                tx.update(
                        "INSERT INTO archive_layouts (archive_id, seq, at, layout) VALUES (?, 0, ?, ?)",
                        a.id(),
                        a.dateRequested(),
                        a.layout());
            }
            return find(tx, a.id()).orElseThrow();
        });
    }

    /** An archive by ID, deleted ones included. */
    public Optional<Archive> find(String id) {
        return db.read(tx -> find(tx, id));
    }

    /**
     * A project's archives not deleted, newest start first; {@code offset} skips that many.
     *
     * @param sessionId only this session's, or null for all
     */
    public Listed list(String projectId, String sessionId, int offset, int count) {
        StringBuilder where = new StringBuilder(" WHERE project_id = ? AND status <> 'deleted'");
        List<Object> args = new ArrayList<>(List.of(projectId));
        if (sessionId != null) {
            where.append(" AND session_id = ?");
            args.add(sessionId);
        }
        return db.read(tx -> {
            long total = tx.scalar("SELECT COUNT(*) FROM archives" + where, args.toArray());
            List<Object> page = new ArrayList<>(args);
            page.add(count);
            page.add(offset);
            List<Archive> items = tx.list(
                    SELECT + where + " ORDER BY date_requested DESC, id DESC LIMIT ? OFFSET ?", MAPPER, page.toArray());
            return new Listed(items, total);
        });
    }

    /** The archives of a session still recording, oldest first. */
    public List<Archive> recordingOfSession(String sessionId) {
        return db.read(tx -> tx.list(
                SELECT + " WHERE session_id = ? AND status IN " + RECORDING + " ORDER BY date_requested, id",
                MAPPER,
                sessionId));
    }

    /** Every archive still recording, oldest first. */
    public List<Archive> recording() {
        return db.read(
                tx -> tx.list(SELECT + " WHERE status IN " + RECORDING + " ORDER BY date_requested, id", MAPPER));
    }

    /** Stopped archives whose output is still to be made. */
    public List<Archive> awaitingOutput() {
        return db.read(tx ->
                tx.list(SELECT + " WHERE status = 'stopped' AND media_key IS NULL ORDER BY date_stopped, id", MAPPER));
    }

    /** Stopped archives whose output is made and waits for its upload to the project's bucket. */
    public List<Archive> awaitingUpload() {
        return db.read(tx -> tx.list(
                SELECT + " WHERE status = 'stopped' AND media_key IS NOT NULL" + " ORDER BY date_stopped, id", MAPPER));
    }

    /** Recording begins (the first stream is recorded): started, and the clock of its output starts. */
    public Optional<Archive> beginRecording(String id, Instant at) {
        return transition(
                id,
                "UPDATE archives SET status = 'started', date_recording = ?, status_since = ?,"
                        + " date_updated = ? WHERE id = ? AND status IN " + RECORDING + " AND date_recording IS NULL",
                at,
                at,
                at,
                id);
    }

    /** Nobody publishes what it records: paused, the recorded time so far kept. */
    public Optional<Archive> pause(String id, Instant at) {
        return transition(
                id,
                "UPDATE archives SET status = 'paused', recorded_ms = recorded_ms + (? - status_since),"
                        + " status_since = ?, date_updated = ? WHERE id = ? AND status = 'started' AND date_recording IS NOT NULL",
                at.toEpochMilli(),
                at,
                at,
                id);
    }

    /** A stream it records is published again. */
    public Optional<Archive> resume(String id, Instant at) {
        return transition(
                id,
                "UPDATE archives SET status = 'started', status_since = ?, date_updated = ?"
                        + " WHERE id = ? AND status = 'paused'",
                at,
                at,
                id);
    }

    /** started | paused → stopped, with the reason; empty if it was not recording. */
    public Optional<Archive> stop(String id, String reason, Instant at) {
        return db.write(tx -> {
            Optional<Archive> a = find(tx, id).filter(Archive::recording);
            if (a.isEmpty()) {
                return Optional.<Archive>empty();
            }
            long recorded = a.get().recordedAt(at).toMillis();
            long duration = Math.max(0, at.toEpochMilli() - a.get().createdAt().toEpochMilli());
            int n = tx.update(
                    "UPDATE archives SET status = 'stopped', reason = ?, recorded_ms = ?, date_stopped = ?,"
                            + " status_since = ?, duration_ms = ?, date_updated = ? WHERE id = ? AND status IN "
                            + RECORDING,
                    reason,
                    recorded,
                    at,
                    at,
                    duration,
                    at,
                    id);
            return n == 0 ? Optional.<Archive>empty() : find(tx, id);
        });
    }

    /** stopped → available: the output is in the media store. */
    public Optional<Archive> available(String id, String mediaKey, long size, String sha256, Instant expires) {
        Instant now = clock.instant();
        return transition(
                id,
                "UPDATE archives SET status = 'available', media_key = ?, size_bytes = ?, sha256 = ?,"
                        + " date_expires = ?, status_since = ?, date_updated = ? WHERE id = ? AND status = 'stopped'",
                mediaKey,
                size,
                sha256,
                expires,
                now,
                now,
                id);
    }

    /**
     * The output is made and goes to the project's bucket: it stays {@code stopped}, with its file,
     * size and digest, until the upload ends ({@link #uploaded}, or {@link #available} on fallback).
     */
    public Optional<Archive> awaitUpload(String id, String mediaKey, long size, String sha256) {
        Instant now = clock.instant();
        return transition(
                id,
                "UPDATE archives SET media_key = ?, size_bytes = ?, sha256 = ?, date_updated = ?"
                        + " WHERE id = ? AND status = 'stopped' AND media_key IS NULL",
                mediaKey,
                size,
                sha256,
                now,
                id);
    }

    /** stopped → uploaded: the output is in the project's bucket. */
    public Optional<Archive> uploaded(String id) {
        Instant now = clock.instant();
        return transition(
                id,
                "UPDATE archives SET status = 'uploaded', status_since = ?, date_updated = ?"
                        + " WHERE id = ? AND status = 'stopped'",
                now,
                now,
                id);
    }

    /** started | paused | stopped → failed. */
    public Optional<Archive> fail(String id, String reason, String failure) {
        Instant now = clock.instant();
        return transition(
                id,
                "UPDATE archives SET status = 'failed', reason = ?, failure = ?, date_stopped ="
                        + " COALESCE(date_stopped, ?), status_since = ?, date_updated = ? WHERE id = ? AND status IN"
                        + " ('started', 'paused', 'stopped')",
                reason,
                failure,
                now,
                now,
                now,
                id);
    }

    /** Available archives whose time is up: expired (their media key is kept for the caller to delete). */
    public List<Archive> expire(Instant now) {
        return db.write(tx -> {
            List<Archive> due = tx.list(SELECT + " WHERE status = 'available' AND date_expires <= ?", MAPPER, now);
            List<Archive> out = new ArrayList<>();
            for (Archive a : due) {
                if (tx.update(
                                "UPDATE archives SET status = 'expired', status_since = ?, date_updated = ?"
                                        + " WHERE id = ? AND status = 'available'",
                                now,
                                now,
                                a.id())
                        > 0) {
                    out.add(find(tx, a.id()).orElseThrow());
                }
            }
            return out;
        });
    }

    /** available | uploaded → deleted; empty if it is in another status. */
    public Optional<Archive> delete(String id) {
        Instant now = clock.instant();
        return transition(
                id,
                "UPDATE archives SET status = 'deleted', date_deleted = ?, status_since = ?,"
                        + " date_updated = ? WHERE id = ? AND status IN ('available', 'uploaded')",
                now,
                now,
                now,
                id);
    }

    /** Forgets archives deleted before {@code before}, and their uploads. */
    public int purgeDeletedBefore(Instant before) {
        return db.write(tx -> {
            List<String> ids = tx.list(
                    "SELECT id FROM archives WHERE status = 'deleted' AND date_deleted < ?",
                    rs -> rs.getString(1),
                    before);
            for (String id : ids) {
                UploadStore.forgetIn(tx, "?", id);
                tx.update("DELETE FROM archive_layouts WHERE archive_id = ?", id);
                tx.update("DELETE FROM archive_streams WHERE archive_id = ?", id);
                tx.update("DELETE FROM archive_recordings WHERE archive_id = ?", id);
                tx.update("DELETE FROM archives WHERE id = ?", id);
            }
            return ids.size();
        });
    }

    /** A new layout from {@code at} on: the archive's current layout and the next timeline entry. */
    public Optional<ArchiveLayoutChange> changeLayout(String id, String layout, Instant at) {
        return db.write(tx -> {
            if (tx.update(
                            "UPDATE archives SET layout = ?, date_updated = ? WHERE id = ? AND status IN " + RECORDING,
                            layout,
                            at,
                            id)
                    == 0) {
                return Optional.<ArchiveLayoutChange>empty();
            }
            int seq = (int) tx.scalar("SELECT COALESCE(MAX(seq) + 1, 0) FROM archive_layouts WHERE archive_id = ?", id);
            tx.update(
                    "INSERT INTO archive_layouts (archive_id, seq, at, layout) VALUES (?, ?, ?, ?)",
                    id,
                    seq,
                    at,
                    layout);
            return Optional.of(new ArchiveLayoutChange(id, seq, at, layout));
        });
    }

    /** The layout timeline of a composed archive, in order. */
    public List<ArchiveLayoutChange> layouts(String id) {
        return db.read(tx -> tx.list(
                "SELECT archive_id, seq, at, layout FROM archive_layouts WHERE archive_id = ?" + " ORDER BY seq",
                rs -> new ArchiveLayoutChange(
                        rs.getString("archive_id"), rs.getInt("seq"), Rows.instant(rs, "at"), rs.getString("layout")),
                id));
    }

    /**
     * Includes a stream in a manual-mode archive from {@code at}, or changes which of its media are
     * included (a new span starts). False if it was already included with the same media.
     */
    public boolean select(String id, String streamId, boolean audio, boolean video, Instant at) {
        return db.write(tx -> {
            Optional<ArchiveStreamSelection> open = openSelection(tx, id, streamId);
            if (open.isPresent() && open.get().hasAudio() == audio && open.get().hasVideo() == video) {
                return false;
            }
            close(tx, id, streamId, at);
            tx.update(
                    "INSERT INTO archive_streams (archive_id, stream_id, has_audio, has_video, date_added)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    id,
                    streamId,
                    audio,
                    video,
                    at);
            return true;
        });
    }

    /** Removes a stream from a manual-mode archive; false if it was not included. */
    public boolean deselect(String id, String streamId, Instant at) {
        return db.write(tx -> close(tx, id, streamId, at) > 0);
    }

    /** The streams a manual-mode archive includes now. */
    public List<ArchiveStreamSelection> selected(String id) {
        return db.read(tx -> tx.list(
                "SELECT archive_id, stream_id, has_audio, has_video, date_added, date_removed"
                        + " FROM archive_streams WHERE archive_id = ? AND date_removed IS NULL ORDER BY id",
                SELECTION,
                id));
    }

    /** Records that a recording is part of an archive (once). */
    public void addPart(String id, String recordingSid, String streamId) {
        db.write(tx -> tx.update(
                "INSERT INTO archive_recordings (archive_id, recording_sid, stream_id) VALUES (?, ?, ?)"
                        + " ON CONFLICT (archive_id, recording_sid) DO NOTHING",
                id,
                recordingSid,
                streamId));
    }

    /** The recordings an archive is made of. */
    public List<Part> parts(String id) {
        return db.read(tx -> tx.list(
                "SELECT recording_sid, stream_id FROM archive_recordings WHERE archive_id = ?"
                        + " ORDER BY recording_sid",
                rs -> new Part(rs.getString(1), rs.getString(2)),
                id));
    }

    private Optional<Archive> transition(String id, String sql, Object... args) {
        return db.write(tx -> tx.update(sql, args) == 0 ? Optional.<Archive>empty() : find(tx, id));
    }

    private static Optional<Archive> find(Tx tx, String id) throws SQLException {
        return tx.one(SELECT + " WHERE id = ?", MAPPER, id);
    }

    private static Optional<ArchiveStreamSelection> openSelection(Tx tx, String id, String streamId)
            throws SQLException {
        return tx.one(
                "SELECT archive_id, stream_id, has_audio, has_video, date_added, date_removed FROM archive_streams"
                        + " WHERE archive_id = ? AND stream_id = ? AND date_removed IS NULL",
                SELECTION,
                id,
                streamId);
    }

    private static int close(Tx tx, String id, String streamId, Instant at) throws SQLException {
        return tx.update(
                "UPDATE archive_streams SET date_removed = ? WHERE archive_id = ? AND stream_id = ?"
                        + " AND date_removed IS NULL",
                at,
                id,
                streamId);
    }
}
