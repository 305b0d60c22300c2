-- Layouts over time: a composition's layout changes after its first layout, its video rate control, and the layout classes of a room's streams over time
ALTER TABLE compositions ADD COLUMN video_rate_control TEXT;
CREATE TABLE composition_layouts (
    id ${IDENTITY_PK},
    composition_sid TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    layout TEXT NOT NULL,
    date_created BIGINT NOT NULL
);
CREATE INDEX composition_layouts_by_composition ON composition_layouts (composition_sid, id);
CREATE TABLE stream_layout_classes (
    id ${IDENTITY_PK},
    room_sid TEXT NOT NULL,
    stream_sid TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    classes TEXT NOT NULL,
    date_created BIGINT NOT NULL
);
CREATE INDEX stream_layout_classes_by_room ON stream_layout_classes (room_sid, id);
