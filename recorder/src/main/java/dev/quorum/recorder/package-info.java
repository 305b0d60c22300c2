/**
 * The recorder: {@link dev.quorum.recorder.Recorder} is the SFU's
 * {@link dev.quorum.sfu.tap.MediaTap}; every tapped track becomes a Recording written to its own
 * Matroska file as packets arrive, with its state kept in the metadata store and announced as
 * {@code recording-*} events. {@link dev.quorum.recorder.RecorderConfig} holds its settings;
 * {@link dev.quorum.recorder.Recorder#recover()} finishes what a crash left behind.
 *
 * <pre>{@code
 * Recorder recorder = new Recorder(config, store.recordings(), mediaStore, eventBus, meterRegistry);
 * recorder.recover();          // at start, before any track is recorded
 * recorder.start();
 * TrackSink sink = recorder.open(tappedTrack, tapControl);   // called by the rooms
 * ...
 * recorder.close();            // finalizes every open recording
 * }</pre>
 */
package dev.quorum.recorder;
