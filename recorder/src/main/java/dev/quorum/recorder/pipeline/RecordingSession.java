package dev.quorum.recorder.pipeline;

import dev.quorum.recorder.mkv.MatroskaCodec;
import dev.quorum.recorder.mkv.MatroskaWriter;
import dev.quorum.recorder.mkv.TrackFormat;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.NewRecording;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Recording of a tapped track: the file is created and the Recording announced when the first
 * frame that can start a file arrives; frames are placed on the recording's timeline and appended;
 * {@link #finish} finalizes the file and completes the Recording. A failure to write ends the
 * recording as {@code failed}, keeping what reached the file. One thread.
 */
final class RecordingSession {

    /** What became of a frame handed to {@link #write}. */
    enum WriteResult {
        WRITTEN,
        NEEDS_KEYFRAME,
        NON_MONOTONIC,
        FAILED
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecordingSession.class);
    private static final int WRITE_BUFFER_BYTES = 128 * 1024;
    private static final long MAX_LAST_FRAME_MILLIS = 100;
    /** How far a stream's RTP clock may fall behind its sender's reports before its frames move. */
    private static final long SLIP_MICROS = 10_000;

    // given
    private final TappedTrack track;
    private final MatroskaCodec codec;
    private final RecorderServices services;

    // owned
    private final TrackTimeline timeline;
    private final SenderReports reports;
    private final RecordingOffset offset;
    private NewRecording recording;
    private MediaWriter media;
    private MatroskaWriter writer;
    private FileSyncer.Entry syncEntry;
    private boolean failed;
    /** The stream the next frames come from, and the one the last frame placed came from. */
    private long ssrc = -1;

    private long placedSsrc;
    /** The anchor (see {@link RecordingOffset}) whose report-based offset was last stored; 0 = none. */
    private int publishedAnchor;
    /** The offset last stored; a better mapping of the publisher's clock moves it. */
    private long publishedMillis = Long.MIN_VALUE;
    /** The offset stored since its publisher's clock mapping settled. */
    private boolean publishedSettled;

    private long lastFlushNanos;
    private long lastMillis = -1;
    private long lastFrameMillis;
    private long countedBytes;

    RecordingSession(TappedTrack track, MatroskaCodec codec, RecorderServices services, PublisherClock publisher) {
        this.track = track;
        this.codec = codec;
        this.services = services;
        int rate = codec == MatroskaCodec.OPUS ? TrackFormat.OPUS_RATE : Math.max(1, track.clockRate());
        this.timeline = new TrackTimeline(rate);
        this.reports = new SenderReports(rate);
        this.offset = new RecordingOffset(publisher, services.arrivals(), reports);
    }

    boolean started() {
        return writer != null;
    }

    String recordingSid() {
        return recording == null ? null : recording.sid();
    }

    RecordingOffset offset() {
        return offset;
    }

    /**
     * Writes a frame, starting the file with it if none is open yet.
     *
     * @param data         the frame (borrowed)
     * @param duration     the frame's length in RTP ticks when known, else 0
     * @param earlierAvcC  H.264: parameter sets seen before, should the keyframe lack them
     * @param arrivalNanos arrival of the frame's last packet
     */
    WriteResult write(
            long timestamp,
            boolean keyframe,
            int width,
            int height,
            long duration,
            ByteBuf data,
            byte[] earlierAvcC,
            long arrivalNanos,
            long nowNanos) {
        if (failed) {
            return WriteResult.FAILED;
        }
        if (writer == null) {
            if (!keyframe) {
                return WriteResult.NEEDS_KEYFRAME;
            }
            TrackFormat format = TrackFormats.forKeyframe(codec, data, width, height, track.channels(), earlierAvcC);
            if (format == null) {
                return WriteResult.NEEDS_KEYFRAME;
            }
            if (!open(format, timestamp, arrivalNanos, nowNanos)) {
                return WriteResult.FAILED;
            }
        }
        long ms;
        if (timeline.startsStream()) {
            // Another stream (simulcast layer) continues the file: placed by the capture times of
            // its first frame and the last frame written, both from their own stream's reports.
            long last = reports.senderMicros(placedSsrc, timeline.lastTimestamp());
            long first = reports.senderMicros(ssrc, timestamp);
            ms = timeline.place(
                    timestamp,
                    arrivalNanos,
                    last == SenderReports.UNKNOWN || first == SenderReports.UNKNOWN
                            ? TrackTimeline.UNKNOWN
                            : first - last);
            if (timeline.joinedByArrival()) {
                offset.onArrivalJoin(ssrc, timestamp, ms);
                publishOffset();
            }
        } else {
            ms = timeline.place(timestamp, arrivalNanos);
        }
        if (ms < 0) {
            return WriteResult.NON_MONOTONIC;
        }
        placedSsrc = ssrc;
        try {
            writer.writeFrame(ms, keyframe, data);
        } catch (IOException e) {
            fail("Could not write the recording file: " + e.getMessage(), RecordingLifecycle.COMPLETE);
            return WriteResult.FAILED;
        }
        long step = duration > 0 ? duration * 1000 / timeline.clockRate() : lastMillis >= 0 ? ms - lastMillis : 0;
        lastFrameMillis = Math.min(MAX_LAST_FRAME_MILLIS, step);
        lastMillis = ms;
        return WriteResult.WRITTEN;
    }

    private boolean open(TrackFormat format, long timestamp, long arrivalNanos, long nowNanos) {
        offset.onFirstFrame(ssrc, timestamp, arrivalNanos);
        String sid = Sid.generate(Sid.RECORDING);
        String key = services.config().keyPrefix() + "/" + track.accountSid() + "/" + track.roomSid() + "/" + sid + "."
                + codec.container();
        String name = track.trackName() == null || track.trackName().isBlank() ? track.trackSid() : track.trackName();
        recording = new NewRecording(
                sid,
                track.accountSid(),
                track.roomSid(),
                track.participantSid(),
                track.trackSid(),
                name,
                codec.isVideo() ? "video" : "audio",
                codec.recordingName(),
                codec.container(),
                offset.millis(),
                key,
                null,
                null,
                services.config().instanceId());
        try {
            MediaKeys.validate(key);
            media = services.media().create(key);
            writer = MatroskaWriter.start(
                    media.channel(),
                    format,
                    offset.millis(),
                    services.config().maxClusterDuration().toMillis(),
                    WRITE_BUFFER_BYTES);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not start recording {} of track {}: {}", sid, track.trackSid(), e.toString());
            closeMedia();
            failed = true;
            services.lifecycle()
                    .failed(
                            recording,
                            false,
                            "Could not create the recording file: " + e.getMessage(),
                            RecordingLifecycle.START);
            return false;
        }
        lastFlushNanos = nowNanos;
        syncEntry = services.syncer().register(sid, media);
        services.metrics().recordingStarted();
        services.lifecycle().started(recording);
        if (offset.source() == RecordingOffset.Source.SENDER_REPORT) {
            publishedAnchor = offset.anchors();
            publishedMillis = offset.millis();
            publishedSettled = offset.settled();
        }
        return true;
    }

    /**
     * The track carries media in a codec the recorder cannot write: a failed Recording says so
     * (rather than none, which would read as "no media").
     */
    void failUnsupported(String codecName) {
        if (recording != null || failed) {
            return;
        }
        failed = true;
        String sid = Sid.generate(Sid.RECORDING);
        String name = track.trackName() == null || track.trackName().isBlank() ? track.trackSid() : track.trackName();
        String kind = track.kind() == null ? "audio" : track.kind().wireName();
        recording = new NewRecording(
                sid,
                track.accountSid(),
                track.roomSid(),
                track.participantSid(),
                track.trackSid(),
                name,
                kind,
                codecName.toUpperCase(Locale.ROOT),
                "video".equals(kind) ? "mkv" : "mka",
                null,
                null,
                null,
                null,
                services.config().instanceId());
        services.lifecycle()
                .failed(recording, false, "Codec " + codecName + " cannot be recorded", RecordingLifecycle.START);
    }

    /** A sender report of one of the track's streams; may place the recording's offset. */
    void onSenderReport(long reportSsrc, long ntpTimestamp, long rtpTimestamp) {
        reports.onSenderReport(reportSsrc, ntpTimestamp, rtpTimestamp);
        offset.onSenderReport();
        publishOffset();
        followReport(reportSsrc);
    }

    /**
     * Compares the stream being written with its newest report: when the sender captured its
     * frames later than their RTP timestamps say (its RTP clock fell behind its capture clock, as
     * an audio sender's does when it loses samples under load), the next frames move later by as
     * much, so that every frame stays at its capture time relative to the file's start.
     */
    private void followReport(long reportSsrc) {
        if (reportSsrc != ssrc || reportSsrc != placedSsrc || timeline.startsStream() || timeline.lastMillis() < 0) {
            return;
        }
        long zero = offset.senderMicrosAtZero();
        long last = reports.senderMicros(reportSsrc, timeline.lastTimestamp());
        if (zero == SenderReports.UNKNOWN || last == SenderReports.UNKNOWN) {
            return;
        }
        long behind = last - zero - timeline.projectedMillis(timeline.lastTimestamp()) * 1_000;
        if (behind >= SLIP_MICROS) {
            timeline.delay(behind);
        }
    }

    /** Stores the offset once a sender report places its anchor (the rest is settled at completion). */
    private void publishOffset() {
        if (recording == null || failed || offset.source() != RecordingOffset.Source.SENDER_REPORT) {
            return;
        }
        // Stored as it improves, not only at the end: a composition made while the room runs
        // places the recording by it.
        long ms = offset.millis();
        boolean settledNow = offset.settled() && !publishedSettled;
        if (settledNow || publishedAnchor != offset.anchors() || Math.abs(ms - publishedMillis) >= OFFSET_STEP_MILLIS) {
            publishedAnchor = offset.anchors();
            publishedMillis = ms;
            // The settled value exactly, however little it moved: what a composition made
            // afterwards will use.
            publishedSettled |= settledNow;
            services.lifecycle().offset(recording.sid(), ms);
        }
    }

    /** A change of the offset smaller than this is not stored before the recording completes. */
    private static final long OFFSET_STEP_MILLIS = 5;

    /**
     * The frames that follow come from stream {@code streamSsrc}. A different stream than before
     * (another simulcast layer, a restarted encoder) has timestamps of its own.
     */
    void onStream(long streamSsrc) {
        if (ssrc != -1 && streamSsrc != ssrc) {
            timeline.newStream();
        }
        ssrc = streamSsrc;
    }

    /** Hands buffered bytes to the OS once the flush interval has passed. */
    void maybeFlush(long nowNanos) {
        if (writer == null
                || failed
                || nowNanos - lastFlushNanos < services.config().flushInterval().toNanos()) {
            return;
        }
        lastFlushNanos = nowNanos;
        if (writer.pendingBytes() == 0 && writer.flushedBytes() == countedBytes) {
            return;
        }
        long start = System.nanoTime();
        try {
            writer.flush();
            countFileBytes(writer.flushedBytes());
            syncEntry.flushedBytes = writer.flushedBytes();
        } catch (IOException e) {
            fail("Could not write the recording file: " + e.getMessage(), RecordingLifecycle.COMPLETE);
        } finally {
            services.metrics().flushTimer().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Finalizes the file and completes the Recording with its packet counts; nothing happens if
     * no frame was written.
     */
    void finish(Map<String, String> tags, long packetsLost, long packetsDropped) {
        if (writer == null || failed) {
            return;
        }
        services.syncer().unregister(syncEntry);
        long duration = lastMillis + lastFrameMillis;
        try {
            long size = writer.finish(duration, tags);
            countFileBytes(size);
            writer.close();
            media.commit();
            services.metrics().recordingEnded(true);
            services.lifecycle().completed(recording, offset.millis(), duration, size, packetsLost, packetsDropped);
        } catch (IOException | RuntimeException e) {
            fail("Could not finalize the recording file: " + e.getMessage(), RecordingLifecycle.COMPLETE);
        }
    }

    private void countFileBytes(long fileLength) {
        services.metrics().fileBytes(fileLength - countedBytes);
        countedBytes = fileLength;
    }

    /** Ends the recording as failed, keeping what the file holds. */
    void fail(String reason, String failedOperation) {
        if (failed) {
            return;
        }
        failed = true;
        if (recording == null) {
            return; // nothing was recorded: nothing to report
        }
        LOG.warn("Recording {} of track {} failed: {}", recordingSid(), track.trackSid(), reason);
        if (syncEntry != null) {
            services.syncer().unregister(syncEntry);
        }
        if (writer != null) {
            writer.close();
            services.metrics().recordingEnded(false);
        }
        closeMedia();
        if (recording != null && writer != null) {
            services.lifecycle().failed(recording, true, reason, failedOperation);
        }
    }

    private void closeMedia() {
        if (media != null) {
            try {
                media.close();
            } catch (IOException e) {
                LOG.debug("Closing recording file failed", e);
            }
        }
    }
}
