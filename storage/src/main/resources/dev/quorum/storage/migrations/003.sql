-- Rooms name the server instance hosting them (ended at its next start if a crash left them in progress); recordings keep their packet counts
CREATE TABLE room_hosts (
    room_sid TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    date_created BIGINT NOT NULL
);
CREATE INDEX room_hosts_by_instance ON room_hosts (instance_id);
-- Rooms in progress before hosts were recorded belong to the default instance id.
INSERT INTO room_hosts (room_sid, instance_id, date_created)
    SELECT sid, 'local', date_updated FROM rooms WHERE status = 'in-progress';
ALTER TABLE recordings ADD COLUMN packets_lost BIGINT;
ALTER TABLE recordings ADD COLUMN packets_dropped BIGINT;
