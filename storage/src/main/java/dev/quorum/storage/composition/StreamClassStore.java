package dev.quorum.storage.composition;

import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The layout classes of a room's streams over time, which composed layouts use to place and rank
 * streams. A room-level fact: a change applies to every composition of the room, including ones
 * made later. Changes are only appended, so a composition sees the classes each stream had at
 * every moment.
 */
public final class StreamClassStore {

    private final Database db;
    private final Clock clock;

    public StreamClassStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** From {@code atEpochMillis} on, {@code streamSid} of {@code roomSid} has exactly {@code classes}. */
    public void append(String roomSid, String streamSid, long atEpochMillis, List<String> classes) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "INSERT INTO stream_layout_classes (room_sid, stream_sid, at_ms, classes, date_created)"
                        + " VALUES (?, ?, ?, ?, ?)",
                roomSid,
                streamSid,
                atEpochMillis,
                Rows.json(classes),
                now));
    }

    /** Every change of the room's streams, in the order they were made. */
    public List<StreamClassChange> ofRoom(String roomSid) {
        return db.read(tx -> tx.list(
                "SELECT stream_sid, at_ms, classes FROM stream_layout_classes WHERE room_sid = ?" + " ORDER BY id",
                rs -> new StreamClassChange(
                        rs.getString("stream_sid"), rs.getLong("at_ms"), Rows.strings(rs, "classes")),
                roomSid));
    }

    /** The classes a stream has now (its last change), or empty if none was ever set. */
    public Optional<List<String>> current(String roomSid, String streamSid) {
        return db.read(tx -> tx.one(
                "SELECT classes FROM stream_layout_classes WHERE room_sid = ? AND stream_sid = ?"
                        + " ORDER BY id DESC LIMIT 1",
                rs -> Rows.strings(rs, "classes"),
                roomSid,
                streamSid));
    }
}
