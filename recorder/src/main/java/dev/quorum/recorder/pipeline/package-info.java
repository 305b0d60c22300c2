/**
 * The per-track recording pipeline behind the tap, and what it shares: the lock-free bounded
 * {@link dev.quorum.recorder.pipeline.PacketQueue} the event loop hands packets to, the
 * time-bounded {@link dev.quorum.recorder.pipeline.ReorderBuffer}, the
 * {@link dev.quorum.recorder.pipeline.TrackRecorder} that a recorder thread runs (parse, reorder,
 * depacketize with the rtp module, write), the recording's timeline and sender-report offset, the
 * Recording lifecycle in the metadata store, periodic fsync, and the recorder's meters.
 */
package dev.quorum.recorder.pipeline;
