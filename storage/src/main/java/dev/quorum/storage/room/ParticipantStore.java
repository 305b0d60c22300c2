package dev.quorum.storage.room;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Where;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Participants of rooms, kept current from participant events. */
public final class ParticipantStore {

    private static final String COLUMNS =
            "sid, room_sid, account_sid, identity, status, start_time, end_time, " + "date_created, date_updated";

    private static final RowMapper<ParticipantRecord> MAPPER = rs -> new ParticipantRecord(
            rs.getString("sid"),
            rs.getString("room_sid"),
            rs.getString("account_sid"),
            rs.getString("identity"),
            rs.getString("status"),
            Rows.instant(rs, "start_time"),
            Rows.instant(rs, "end_time"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"));

    private final Database db;
    private final Clock clock;

    public ParticipantStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Inserts or updates; a disconnected participant stays disconnected. */
    public void upsert(ParticipantRecord p) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "INSERT INTO participants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (sid) DO UPDATE SET"
                        + " status = CASE WHEN participants.status = 'disconnected' THEN participants.status"
                        + " ELSE excluded.status END,"
                        + " end_time = COALESCE(participants.end_time, excluded.end_time),"
                        + " date_updated = excluded.date_updated",
                p.sid(),
                p.roomSid(),
                p.accountSid(),
                p.identity(),
                p.status(),
                p.startTime(),
                p.endTime(),
                p.dateCreated() != null ? p.dateCreated() : p.startTime(),
                now));
    }

    public Optional<ParticipantRecord> find(String accountSid, String roomSid, String sid) {
        return db.read(tx -> tx.one(
                "SELECT " + COLUMNS + " FROM participants WHERE sid = ? AND room_sid = ?" + " AND account_sid = ?",
                MAPPER,
                sid,
                roomSid,
                accountSid));
    }

    public Page<ParticipantRecord> list(
            String accountSid, String roomSid, ParticipantFilter f, Cursor after, int limit) {
        Where w = new Where()
                .and("account_sid = ?", accountSid)
                .and("room_sid = ?", roomSid)
                .andIf(f.status(), "status = ?")
                .andIf(f.identity(), "identity = ?")
                .andIf(f.createdAfter(), "date_created >= ?")
                .andIf(f.createdBefore(), "date_created < ?")
                .after(after, "date_created", "sid");
        return db.read(tx -> w.page(
                tx,
                "SELECT " + COLUMNS + " FROM participants",
                "date_created",
                "sid",
                limit,
                MAPPER,
                p -> new Cursor(p.dateCreated().toEpochMilli(), p.sid())));
    }

    /**
     * Marks every participant of a room still shown as connected as disconnected at
     * {@code endTime} (a room ended without an event for each participant, e.g. a crash).
     */
    public int disconnectAll(String roomSid, Instant endTime) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                "UPDATE participants SET status = 'disconnected', end_time = ?, date_updated = ?"
                        + " WHERE room_sid = ? AND status <> 'disconnected'",
                endTime,
                now,
                roomSid));
    }

    /** All participants of a room, oldest first (composition source resolution). */
    public List<ParticipantRecord> ofRoom(String roomSid) {
        return db.read(tx -> tx.list(
                "SELECT " + COLUMNS + " FROM participants WHERE room_sid = ?" + " ORDER BY date_created, sid",
                MAPPER,
                roomSid));
    }
}
