/**
 * A small Matroska writer for one-track recordings that survive crashes: a live layout (unknown
 * Segment and Cluster sizes, blocks flushed as they come) that any prefix of is readable, an
 * in-place finalization (Cues, Tags, Duration, SeekHead, sizes), and a scanner that repairs and
 * finalizes a file a killed writer left. Opus, VP8, VP9, H.264 (avcC) and AV1 track headers.
 */
package dev.quorum.recorder.mkv;
