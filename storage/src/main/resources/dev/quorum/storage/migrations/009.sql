-- Console sign-ins: a session per browser, found by the SHA-256 of its cookie, with its CSRF token and expiry
CREATE TABLE console_sessions (
    token_hash TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL,
    credential_sid TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    date_created BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
