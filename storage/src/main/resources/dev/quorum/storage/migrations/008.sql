-- Compositions of archives: the stretch of the room a composition covers, and the archive whose recordings it is made of
ALTER TABLE compositions ADD COLUMN window_start_ms BIGINT;
ALTER TABLE compositions ADD COLUMN window_end_ms BIGINT;
ALTER TABLE compositions ADD COLUMN archive_id TEXT;
CREATE UNIQUE INDEX compositions_by_archive ON compositions (archive_id);
