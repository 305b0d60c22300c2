package dev.quorum.storage.archive;

import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Sessions, and the connections and streams of their rooms. */
public final class VideoSessionStore {

    private static final String SESSION_COLUMNS =
            "session_id, project_id, account_sid, media_mode, archive_mode, location,"
                    + " e2ee, archive_name, archive_resolution, date_created";
    private static final RowMapper<VideoSession> SESSION = rs -> new VideoSession(
            rs.getString("session_id"),
            rs.getString("project_id"),
            rs.getString("account_sid"),
            rs.getString("media_mode"),
            rs.getString("archive_mode"),
            rs.getString("location"),
            Rows.bool(rs, "e2ee"),
            rs.getString("archive_name"),
            rs.getString("archive_resolution"),
            Rows.instant(rs, "date_created"));

    private static final String CONNECTION_COLUMNS =
            "connection_id, session_id, room_sid, participant_sid, role, data," + " layout_classes, date_created";
    private static final RowMapper<VideoConnection> CONNECTION = rs -> new VideoConnection(
            rs.getString("connection_id"),
            rs.getString("session_id"),
            rs.getString("room_sid"),
            rs.getString("participant_sid"),
            rs.getString("role"),
            rs.getString("data"),
            Rows.strings(rs, "layout_classes"),
            Rows.instant(rs, "date_created"));

    private static final String STREAM_COLUMNS =
            "stream_id, session_id, room_sid, connection_id, participant_sid, name,"
                    + " video_type, layout_classes, audio_track_sid, video_track_sid, date_created, date_ended";
    private static final RowMapper<VideoStream> STREAM = rs -> new VideoStream(
            rs.getString("stream_id"),
            rs.getString("session_id"),
            rs.getString("room_sid"),
            rs.getString("connection_id"),
            rs.getString("participant_sid"),
            rs.getString("name"),
            rs.getString("video_type"),
            Rows.strings(rs, "layout_classes"),
            rs.getString("audio_track_sid"),
            rs.getString("video_track_sid"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_ended"));

    private final Database db;
    private final Clock clock;

    public VideoSessionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public VideoSession create(VideoSession s) {
        db.write(tx -> tx.update(
                "INSERT INTO video_sessions (" + SESSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.sessionId(),
                s.projectId(),
                s.accountSid(),
                s.mediaMode(),
                s.archiveMode(),
                s.location(),
                s.e2ee(),
                s.archiveName(),
                s.archiveResolution(),
                s.dateCreated()));
        return s;
    }

    public Optional<VideoSession> find(String sessionId) {
        return db.read(tx ->
                tx.one("SELECT " + SESSION_COLUMNS + " FROM video_sessions WHERE session_id = ?", SESSION, sessionId));
    }

    /** Records a client that joined with a client token (once per connection ID). */
    public void connected(VideoConnection c) {
        db.write(tx -> tx.update(
                "INSERT INTO video_connections (" + CONNECTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (connection_id) DO NOTHING",
                c.connectionId(),
                c.sessionId(),
                c.roomSid(),
                c.participantSid(),
                c.role(),
                c.data(),
                Rows.json(c.layoutClasses()),
                c.dateCreated()));
    }

    public Optional<VideoConnection> connection(String connectionId) {
        return db.read(tx -> tx.one(
                "SELECT " + CONNECTION_COLUMNS + " FROM video_connections WHERE connection_id = ?",
                CONNECTION,
                connectionId));
    }

    public Optional<VideoConnection> connectionOfParticipant(String participantSid) {
        return db.read(tx -> tx.one(
                "SELECT " + CONNECTION_COLUMNS + " FROM video_connections WHERE participant_sid = ?",
                CONNECTION,
                participantSid));
    }

    /** Stores a new stream, after every stream the session had before (its publication order). */
    public VideoStream createStream(VideoStream s) {
        db.write(tx -> {
            long ordinal = tx.scalar(
                    "SELECT COALESCE(MAX(ordinal) + 1, 0) FROM video_streams WHERE session_id = ?", s.sessionId());
            return tx.update(
                    "INSERT INTO video_streams (" + STREAM_COLUMNS + ", ordinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?)",
                    s.streamId(),
                    s.sessionId(),
                    s.roomSid(),
                    s.connectionId(),
                    s.participantSid(),
                    s.name(),
                    s.videoType(),
                    Rows.json(s.layoutClasses()),
                    s.audioTrackSid(),
                    s.videoTrackSid(),
                    s.dateCreated(),
                    s.dateEnded(),
                    ordinal);
        });
        return s;
    }

    /** Sets the tracks a stream is carried by (null: none of that kind now). */
    public Optional<VideoStream> setTracks(String streamId, String audioTrackSid, String videoTrackSid) {
        return db.write(tx -> {
            tx.update(
                    "UPDATE video_streams SET audio_track_sid = ?, video_track_sid = ? WHERE stream_id = ?",
                    audioTrackSid,
                    videoTrackSid,
                    streamId);
            return stream(tx, streamId);
        });
    }

    /** The stream's last track went away. */
    public void endStream(String streamId) {
        db.write(tx -> tx.update(
                "UPDATE video_streams SET date_ended = ? WHERE stream_id = ? AND date_ended IS NULL",
                clock.instant(),
                streamId));
    }

    /** Ends every stream of a room still open (the room ended). */
    public int endStreamsOfRoom(String roomSid) {
        return db.write(tx -> tx.update(
                "UPDATE video_streams SET date_ended = ? WHERE room_sid = ? AND date_ended IS NULL",
                clock.instant(),
                roomSid));
    }

    public Optional<VideoStream> setLayoutClasses(String streamId, List<String> classes) {
        return db.write(tx -> {
            tx.update("UPDATE video_streams SET layout_classes = ? WHERE stream_id = ?", Rows.json(classes), streamId);
            return stream(tx, streamId);
        });
    }

    public Optional<VideoStream> stream(String streamId) {
        return db.read(tx -> stream(tx, streamId));
    }

    /** Streams of a session published now, in the order they were published. */
    public List<VideoStream> liveStreams(String sessionId) {
        return db.read(tx -> tx.list(
                "SELECT " + STREAM_COLUMNS + " FROM video_streams WHERE session_id = ?"
                        + " AND date_ended IS NULL ORDER BY ordinal",
                STREAM,
                sessionId));
    }

    /** Every stream a room ever had, in the order they were published. */
    public List<VideoStream> streamsOfRoom(String roomSid) {
        return db.read(tx -> tx.list(
                "SELECT " + STREAM_COLUMNS + " FROM video_streams WHERE room_sid = ?" + " ORDER BY ordinal",
                STREAM,
                roomSid));
    }

    private static Optional<VideoStream> stream(Tx tx, String streamId) throws SQLException {
        return tx.one("SELECT " + STREAM_COLUMNS + " FROM video_streams WHERE stream_id = ?", STREAM, streamId);
    }
}
