package dev.quorum.storage.room;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Where;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rooms, kept current from the SFU's room events and the REST API's own commands. */
public final class RoomStore {

    private static final String COLUMNS = "sid, account_sid, unique_name, status, type, status_callback, "
            + "status_callback_method, max_participants, max_participant_duration, empty_room_timeout, "
            + "unused_room_timeout, video_codecs, record_participants_on_connect, recording_rules, recording_paused, "
            + "audio_only, media_region, large_room, date_created, date_updated, end_time";

    private static final RowMapper<RoomRecord> MAPPER = rs -> new RoomRecord(
            rs.getString("sid"),
            rs.getString("account_sid"),
            rs.getString("unique_name"),
            rs.getString("status"),
            rs.getString("type"),
            rs.getString("status_callback"),
            rs.getString("status_callback_method"),
            rs.getInt("max_participants"),
            Duration.ofSeconds(rs.getLong("max_participant_duration")),
            Duration.ofSeconds(rs.getLong("empty_room_timeout")),
            Duration.ofSeconds(rs.getLong("unused_room_timeout")),
            Rows.strings(rs, "video_codecs"),
            Rows.bool(rs, "record_participants_on_connect"),
            rs.getString("recording_rules"),
            Rows.bool(rs, "recording_paused"),
            Rows.bool(rs, "audio_only"),
            rs.getString("media_region"),
            Rows.bool(rs, "large_room"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"),
            Rows.instant(rs, "end_time"));

    private final Database db;
    private final Clock clock;

    public RoomStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Inserts the room or brings the stored copy up to date. Events may arrive after the API
     * already stored a newer state, so an ended room never goes back to in-progress and a set end
     * time is kept.
     */
    public void upsert(RoomRecord r) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "INSERT INTO rooms (" + COLUMNS + ") VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (sid) DO UPDATE SET"
                        + " status = CASE WHEN rooms.status = 'in-progress' THEN excluded.status ELSE rooms.status END,"
                        + " end_time = COALESCE(rooms.end_time, excluded.end_time),"
                        + " unique_name = excluded.unique_name,"
                        + " date_updated = excluded.date_updated",
                r.sid(),
                r.accountSid(),
                r.uniqueName(),
                r.status(),
                r.type(),
                r.statusCallback(),
                r.statusCallbackMethod(),
                r.maxParticipants(),
                r.maxParticipantDuration().toSeconds(),
                r.emptyRoomTimeout().toSeconds(),
                r.unusedRoomTimeout().toSeconds(),
                Rows.json(r.videoCodecs()),
                r.recordParticipantsOnConnect(),
                r.recordingRulesJson(),
                r.recordingPaused(),
                r.audioOnly(),
                r.mediaRegion(),
                r.largeRoom(),
                r.dateCreated(),
                now,
                r.endTime()));
    }

    /** A room of the account by SID. */
    public Optional<RoomRecord> find(String accountSid, String sid) {
        return db.read(tx ->
                tx.one("SELECT " + COLUMNS + " FROM rooms WHERE sid = ? AND account_sid = ?", MAPPER, sid, accountSid));
    }

    /** A room by SID whatever its account (event handling, composition processing). */
    public Optional<RoomRecord> find(String sid) {
        return db.read(tx -> tx.one("SELECT " + COLUMNS + " FROM rooms WHERE sid = ?", MAPPER, sid));
    }

    /** The account's in-progress room with this unique name. */
    public Optional<RoomRecord> findInProgress(String accountSid, String uniqueName) {
        return db.read(tx -> tx
                .list(
                        "SELECT " + COLUMNS + " FROM rooms WHERE account_sid = ? AND unique_name = ?"
                                + " AND status = 'in-progress' ORDER BY date_created DESC LIMIT 1",
                        MAPPER,
                        accountSid,
                        uniqueName)
                .stream()
                .findFirst());
    }

    public Page<RoomRecord> list(String accountSid, RoomFilter f, Cursor after, int limit) {
        Where w = new Where()
                .and("account_sid = ?", accountSid)
                .andIf(f.status(), "status = ?")
                .andIf(f.uniqueName(), "unique_name = ?")
                .andIf(f.createdAfter(), "date_created >= ?")
                .andIf(f.createdBefore(), "date_created < ?")
                .after(after, "date_created", "sid");
        return db.read(tx -> w.page(
                tx,
                "SELECT " + COLUMNS + " FROM rooms",
                "date_created",
                "sid",
                limit,
                MAPPER,
                r -> new Cursor(r.dateCreated().toEpochMilli(), r.sid())));
    }

    /** Ends an in-progress room; false if it was not in progress. */
    public boolean end(String sid, String status, Instant endTime) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                        "UPDATE rooms SET status = ?, end_time = ?, date_updated = ?"
                                + " WHERE sid = ? AND status = 'in-progress'",
                        status,
                        endTime,
                        now,
                        sid)
                > 0);
    }

    /** Stores the room's current recording rules (the JSON array the API shows). */
    public void setRecordingRules(String sid, String rulesJson) {
        Instant now = clock.instant();
        db.write(tx ->
                tx.update("UPDATE rooms SET recording_rules = ?, date_updated = ? WHERE sid = ?", rulesJson, now, sid));
    }

    /** Stores whether the room's recording is paused. */
    public void setRecordingPaused(String sid, boolean paused) {
        Instant now = clock.instant();
        db.write(tx ->
                tx.update("UPDATE rooms SET recording_paused = ?, date_updated = ? WHERE sid = ?", paused, now, sid));
    }

    /**
     * Records which server instance hosts the room, so that after a crash only that server ends
     * it. The first instance to record a room keeps it.
     */
    public void recordHost(String sid, String instanceId) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "INSERT INTO room_hosts (room_sid, instance_id, date_created) VALUES (?, ?, ?)"
                        + " ON CONFLICT (room_sid) DO NOTHING",
                sid,
                instanceId,
                now));
    }

    /** The rooms the instance hosts that the store still shows in progress, oldest first. */
    /** The server instance hosting a room, if recorded. */
    public Optional<String> hostOf(String roomSid) {
        return db.read(tx -> tx.one(
                "SELECT instance_id FROM room_hosts WHERE room_sid = ?", rs -> rs.getString("instance_id"), roomSid));
    }

    public List<RoomRecord> inProgressHostedBy(String instanceId) {
        return db.read(tx -> tx.list(
                "SELECT " + COLUMNS.replaceAll("(^|, )", "$1r.") + " FROM rooms r"
                        + " JOIN room_hosts h ON h.room_sid = r.sid"
                        + " WHERE h.instance_id = ? AND r.status = 'in-progress' ORDER BY r.date_created, r.sid",
                MAPPER,
                instanceId));
    }
}
