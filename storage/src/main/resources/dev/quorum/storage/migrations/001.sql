-- Initial schema: accounts, keys, rooms, participants, tracks, recordings, compositions, hooks, settings, callbacks
-- Portable SQL for SQLite and PostgreSQL: times are epoch milliseconds (BIGINT), booleans are
-- 0/1 (INTEGER), lists are JSON text. ${IDENTITY_PK} is expanded per dialect.

CREATE TABLE accounts (
    sid TEXT PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    auth_token TEXT NOT NULL,
    origin TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    room_status_callback TEXT,
    room_status_callback_method TEXT NOT NULL,
    record_participants_on_connect INTEGER NOT NULL,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL
);

CREATE TABLE api_keys (
    sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL REFERENCES accounts (sid),
    friendly_name TEXT,
    secret TEXT NOT NULL,
    origin TEXT NOT NULL,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL
);
CREATE INDEX api_keys_by_account ON api_keys (account_sid, date_created, sid);

CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    date_created BIGINT NOT NULL
);

CREATE TABLE rooms (
    sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL,
    unique_name TEXT NOT NULL,
    status TEXT NOT NULL,
    type TEXT NOT NULL,
    status_callback TEXT,
    status_callback_method TEXT NOT NULL,
    max_participants INTEGER NOT NULL,
    max_participant_duration BIGINT NOT NULL,
    empty_room_timeout BIGINT NOT NULL,
    unused_room_timeout BIGINT NOT NULL,
    video_codecs TEXT NOT NULL,
    record_participants_on_connect INTEGER NOT NULL,
    recording_rules TEXT NOT NULL,
    recording_paused INTEGER NOT NULL,
    audio_only INTEGER NOT NULL,
    media_region TEXT,
    large_room INTEGER NOT NULL,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL,
    end_time BIGINT
);
CREATE INDEX rooms_by_account ON rooms (account_sid, date_created, sid);
CREATE INDEX rooms_by_name ON rooms (account_sid, unique_name, status);

CREATE TABLE participants (
    sid TEXT PRIMARY KEY,
    room_sid TEXT NOT NULL,
    account_sid TEXT NOT NULL,
    identity TEXT NOT NULL,
    status TEXT NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL
);
CREATE INDEX participants_by_room ON participants (room_sid, date_created, sid);

CREATE TABLE published_tracks (
    sid TEXT PRIMARY KEY,
    room_sid TEXT NOT NULL,
    participant_sid TEXT NOT NULL,
    account_sid TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    codec TEXT,
    enabled INTEGER NOT NULL,
    published INTEGER NOT NULL,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL,
    date_removed BIGINT
);
CREATE INDEX published_tracks_by_participant ON published_tracks (participant_sid, date_created, sid);
CREATE INDEX published_tracks_by_room ON published_tracks (room_sid);

CREATE TABLE recordings (
    sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL,
    room_sid TEXT NOT NULL,
    participant_sid TEXT NOT NULL,
    source_sid TEXT NOT NULL,
    track_name TEXT NOT NULL,
    type TEXT NOT NULL,
    codec TEXT NOT NULL,
    container_format TEXT NOT NULL,
    status TEXT NOT NULL,
    offset_ms BIGINT,
    duration_ms BIGINT,
    size_bytes BIGINT,
    media_key TEXT,
    media_external_location TEXT,
    status_callback TEXT,
    status_callback_method TEXT,
    writer_node TEXT,
    last_flush_at BIGINT,
    failure_reason TEXT,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL,
    date_completed BIGINT,
    date_deleted BIGINT
);
CREATE INDEX recordings_by_account ON recordings (account_sid, date_created, sid);
CREATE INDEX recordings_by_room ON recordings (room_sid, status);
CREATE INDEX recordings_by_writer ON recordings (writer_node, status);

CREATE TABLE compositions (
    sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL,
    room_sid TEXT NOT NULL,
    hook_sid TEXT,
    status TEXT NOT NULL,
    video_layout TEXT NOT NULL,
    audio_sources TEXT NOT NULL,
    audio_sources_excluded TEXT NOT NULL,
    resolution TEXT NOT NULL,
    format TEXT NOT NULL,
    trim_gaps INTEGER NOT NULL,
    status_callback TEXT,
    status_callback_method TEXT NOT NULL,
    progress INTEGER NOT NULL,
    duration_ms BIGINT,
    size_bytes BIGINT,
    bitrate INTEGER,
    media_key TEXT,
    media_external_location TEXT,
    failure_reason TEXT,
    claimed_by TEXT,
    heartbeat_at BIGINT,
    attempts INTEGER NOT NULL,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL,
    date_started BIGINT,
    date_completed BIGINT,
    date_deleted BIGINT
);
CREATE INDEX compositions_by_account ON compositions (account_sid, date_created, sid);
CREATE INDEX compositions_by_status ON compositions (status, date_created);

CREATE TABLE composition_hooks (
    sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL,
    friendly_name TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    video_layout TEXT NOT NULL,
    audio_sources TEXT NOT NULL,
    audio_sources_excluded TEXT NOT NULL,
    resolution TEXT NOT NULL,
    format TEXT NOT NULL,
    trim_gaps INTEGER NOT NULL,
    status_callback TEXT,
    status_callback_method TEXT NOT NULL,
    date_created BIGINT NOT NULL,
    date_updated BIGINT
);
CREATE UNIQUE INDEX composition_hooks_name ON composition_hooks (account_sid, friendly_name);
CREATE INDEX composition_hooks_by_account ON composition_hooks (account_sid, date_created, sid);

CREATE TABLE media_settings (
    account_sid TEXT NOT NULL,
    kind TEXT NOT NULL,
    friendly_name TEXT NOT NULL,
    aws_credentials_sid TEXT,
    aws_s3_url TEXT,
    aws_storage_enabled INTEGER NOT NULL,
    encryption_key_sid TEXT,
    encryption_enabled INTEGER NOT NULL,
    date_updated BIGINT NOT NULL,
    PRIMARY KEY (account_sid, kind)
);

CREATE TABLE callback_deliveries (
    id ${IDENTITY_PK},
    account_sid TEXT NOT NULL,
    ordering_key TEXT NOT NULL,
    resource_sid TEXT NOT NULL,
    room_sid TEXT,
    event TEXT NOT NULL,
    sequence_number BIGINT NOT NULL,
    url TEXT NOT NULL,
    method TEXT NOT NULL,
    params TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    leased_by TEXT,
    leased_until BIGINT,
    last_attempt_at BIGINT,
    last_status_code INTEGER,
    last_error TEXT,
    date_created BIGINT NOT NULL,
    date_finished BIGINT
);
CREATE INDEX callback_deliveries_queue ON callback_deliveries (status, ordering_key, id);
CREATE INDEX callback_deliveries_by_account ON callback_deliveries (account_sid, id);
CREATE INDEX callback_deliveries_by_resource ON callback_deliveries (resource_sid);
