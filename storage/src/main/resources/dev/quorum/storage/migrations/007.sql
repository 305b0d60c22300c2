-- Media placed where accounts say: the Accounts API's credentials, and the durable queue of uploads (to the shared store or a customer's bucket) with where each file ended up
CREATE TABLE credentials (
    sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL,
    type TEXT NOT NULL,
    friendly_name TEXT,
    aws_key_id TEXT,
    aws_secret TEXT,
    public_key TEXT,
    date_created BIGINT NOT NULL,
    date_updated BIGINT NOT NULL
);
CREATE INDEX credentials_by_account ON credentials (account_sid, type, date_created, sid);

CREATE TABLE media_uploads (
    id ${IDENTITY_PK},
    account_sid TEXT NOT NULL,
    resource_sid TEXT NOT NULL,
    resource_kind TEXT NOT NULL,
    local_key TEXT NOT NULL,
    node TEXT NOT NULL,
    destination TEXT NOT NULL,
    s3_url TEXT,
    credentials_sid TEXT,
    object_key TEXT,
    encryption_key_sid TEXT,
    fallback INTEGER NOT NULL,
    keep_local INTEGER NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    deadline_at BIGINT NOT NULL,
    leased_until BIGINT,
    last_error TEXT,
    stored_in TEXT,
    location TEXT,
    wrapped_key TEXT,
    iv TEXT,
    size_bytes BIGINT,
    date_created BIGINT NOT NULL,
    date_finished BIGINT
);
CREATE INDEX media_uploads_queue ON media_uploads (node, status, next_attempt_at);
CREATE INDEX media_uploads_by_resource ON media_uploads (resource_sid, id);

CREATE TABLE nodes (
    instance_id TEXT PRIMARY KEY,
    public_url TEXT NOT NULL,
    roles TEXT NOT NULL,
    date_updated BIGINT NOT NULL
);
