-- Ended rooms whose composition hooks wait for their recordings to be written: kept across restarts
CREATE TABLE composition_hook_waits (
    room_sid TEXT PRIMARY KEY,
    account_sid TEXT NOT NULL,
    date_created BIGINT NOT NULL
);
