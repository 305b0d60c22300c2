-- Archive API: video projects, sessions and their connections and streams, archives with their layout changes, stream selections and recordings; JSON callback bodies
CREATE TABLE video_projects (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    account_sid TEXT NOT NULL,
    api_secret TEXT,
    public_key TEXT,
    video_codec TEXT NOT NULL,
    archive_callback TEXT,
    callback_secret TEXT,
    origin TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL
);

CREATE TABLE video_sessions (
    session_id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    account_sid TEXT NOT NULL,
    media_mode TEXT NOT NULL,
    archive_mode TEXT NOT NULL,
    location TEXT,
    e2ee INTEGER NOT NULL,
    archive_name TEXT,
    archive_resolution TEXT,
    date_created BIGINT NOT NULL
);
CREATE INDEX video_sessions_by_project ON video_sessions (project_id, date_created);

CREATE TABLE video_connections (
    connection_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    room_sid TEXT NOT NULL,
    participant_sid TEXT NOT NULL,
    role TEXT NOT NULL,
    data TEXT,
    layout_classes TEXT NOT NULL,
    date_created BIGINT NOT NULL
);
CREATE INDEX video_connections_by_participant ON video_connections (participant_sid);

CREATE TABLE video_streams (
    stream_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    room_sid TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    participant_sid TEXT NOT NULL,
    name TEXT NOT NULL,
    video_type TEXT NOT NULL,
    layout_classes TEXT NOT NULL,
    audio_track_sid TEXT,
    video_track_sid TEXT,
    ordinal BIGINT NOT NULL,
    date_created BIGINT NOT NULL,
    date_ended BIGINT
);
CREATE INDEX video_streams_by_session ON video_streams (session_id, ordinal);
CREATE INDEX video_streams_by_room ON video_streams (room_sid, date_ended);

CREATE TABLE archives (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    account_sid TEXT NOT NULL,
    session_id TEXT NOT NULL,
    room_sid TEXT NOT NULL,
    name TEXT,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    output_mode TEXT NOT NULL,
    stream_mode TEXT NOT NULL,
    has_audio INTEGER NOT NULL,
    has_video INTEGER NOT NULL,
    resolution TEXT,
    layout TEXT,
    multi_archive_tag TEXT,
    max_bitrate INTEGER,
    quantization_parameter INTEGER,
    automatic INTEGER NOT NULL,
    date_requested BIGINT NOT NULL,
    date_recording BIGINT,
    date_stopped BIGINT,
    status_since BIGINT NOT NULL,
    recorded_ms BIGINT NOT NULL,
    size_bytes BIGINT NOT NULL,
    duration_ms BIGINT,
    media_key TEXT,
    sha256 TEXT,
    failure TEXT,
    date_expires BIGINT,
    date_updated BIGINT NOT NULL,
    date_deleted BIGINT
);
CREATE INDEX archives_by_project ON archives (project_id, date_requested, id);
CREATE INDEX archives_by_session ON archives (session_id, status);
CREATE INDEX archives_by_status ON archives (status);

CREATE TABLE archive_layouts (
    archive_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at BIGINT NOT NULL,
    layout TEXT NOT NULL,
    PRIMARY KEY (archive_id, seq)
);

CREATE TABLE archive_streams (
    id ${IDENTITY_PK},
    archive_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    has_audio INTEGER NOT NULL,
    has_video INTEGER NOT NULL,
    date_added BIGINT NOT NULL,
    date_removed BIGINT
);
CREATE INDEX archive_streams_by_archive ON archive_streams (archive_id, stream_id);

CREATE TABLE archive_recordings (
    archive_id TEXT NOT NULL,
    recording_sid TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    PRIMARY KEY (archive_id, recording_sid)
);
CREATE INDEX archive_recordings_by_recording ON archive_recordings (recording_sid);

ALTER TABLE callback_deliveries ADD COLUMN body TEXT;
