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

/** Published tracks, current and past, kept current from track events. */
public final class TrackStore {

    private static final String COLUMNS = "sid, room_sid, participant_sid, account_sid, name, kind, codec, enabled, "
            + "published, date_created, date_updated, date_removed";

    private static final RowMapper<TrackRecord> MAPPER = rs -> new TrackRecord(
            rs.getString("sid"),
            rs.getString("room_sid"),
            rs.getString("participant_sid"),
            rs.getString("account_sid"),
            rs.getString("name"),
            rs.getString("kind"),
            rs.getString("codec"),
            Rows.bool(rs, "enabled"),
            Rows.bool(rs, "published"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"),
            Rows.instant(rs, "date_removed"));

    private final Database db;
    private final Clock clock;

    public TrackStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Inserts or updates; an unpublished track stays unpublished. */
    public void upsert(TrackRecord t) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "INSERT INTO published_tracks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (sid) DO UPDATE SET enabled = excluded.enabled,"
                        + " codec = COALESCE(excluded.codec, published_tracks.codec),"
                        + " published = CASE WHEN published_tracks.published = 0 THEN 0 ELSE excluded.published END,"
                        + " date_removed = COALESCE(published_tracks.date_removed, excluded.date_removed),"
                        + " date_updated = excluded.date_updated",
                t.sid(),
                t.roomSid(),
                t.participantSid(),
                t.accountSid(),
                t.name(),
                t.kind(),
                t.codec(),
                t.enabled(),
                t.published(),
                t.dateCreated(),
                now,
                t.dateRemoved()));
    }

    public Optional<TrackRecord> find(String accountSid, String participantSid, String sid) {
        return db.read(tx -> tx.one(
                "SELECT " + COLUMNS + " FROM published_tracks WHERE sid = ? AND participant_sid = ?"
                        + " AND account_sid = ?",
                MAPPER,
                sid,
                participantSid,
                accountSid));
    }

    /** A participant's tracks; {@code publishedOnly} keeps the currently published ones. */
    public Page<TrackRecord> list(
            String accountSid, String participantSid, boolean publishedOnly, Cursor after, int limit) {
        Where w = new Where().and("account_sid = ?", accountSid).and("participant_sid = ?", participantSid);
        if (publishedOnly) {
            w.and("published = 1");
        }
        w.after(after, "date_created", "sid");
        return db.read(tx -> w.page(
                tx,
                "SELECT " + COLUMNS + " FROM published_tracks",
                "date_created",
                "sid",
                limit,
                MAPPER,
                t -> new Cursor(t.dateCreated().toEpochMilli(), t.sid())));
    }

    /** Every track ever published in a room, oldest first. */
    public List<TrackRecord> ofRoom(String roomSid) {
        return db.read(tx -> tx.list(
                "SELECT " + COLUMNS + " FROM published_tracks WHERE room_sid = ?" + " ORDER BY date_created, sid",
                MAPPER,
                roomSid));
    }

    /** Marks every track of a room still published as removed (the room ended). */
    public int unpublishAll(String roomSid, Instant at) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                "UPDATE published_tracks SET published = 0, date_removed = ?, date_updated = ?"
                        + " WHERE room_sid = ? AND published = 1",
                at,
                now,
                roomSid));
    }
}
