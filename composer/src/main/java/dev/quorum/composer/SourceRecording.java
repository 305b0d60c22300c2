package dev.quorum.composer;

import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One recorded track offered to a composition: what the layout and audio selectors match against,
 * and where its media lies on the room's clock. Independent of how recordings are stored; the job
 * runner builds these from recording rows.
 *
 * <p>The file is Matroska ({@code .mka} Opus, {@code .mkv} VP8/VP9/H.264) whose first frame has
 * block timestamp 0; gaps (mute, pause) are timestamp gaps inside the file.
 *
 * @param recordingSid   {@code RT…}
 * @param trackSid       {@code MT…}
 * @param participantSid {@code PA…}
 * @param trackName      the track's name (the track SID when it had none)
 * @param kind           audio or video
 * @param codec          as the recording row spells it ({@code OPUS}, {@code VP8}, {@code H264}…)
 * @param file           the media file on local disk
 * @param offsetMs       wall-clock time of the first frame, ms since the Unix epoch, on the room's
 *                       common clock
 * @param durationMs     duration of the recording in ms
 * @param videoType      for video, what it shows (composed layouts put screen shares first); null
 *                       for audio. Absent, it follows the track name ({@link VideoType#ofTrackName})
 */
public record SourceRecording(
        String recordingSid,
        String trackSid,
        String participantSid,
        String trackName,
        TrackKind kind,
        String codec,
        Path file,
        long offsetMs,
        long durationMs,
        VideoType videoType) {

    public SourceRecording {
        Objects.requireNonNull(recordingSid, "recordingSid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs < 0 for " + recordingSid);
        }
        if (trackName == null) {
            trackName = trackSid != null ? trackSid : recordingSid;
        }
        if (kind != TrackKind.VIDEO) {
            videoType = null;
        } else if (videoType == null) {
            videoType = VideoType.ofTrackName(trackName);
        }
    }

    /** A recording whose video type (for video) follows its track name. */
    public SourceRecording(
            String recordingSid,
            String trackSid,
            String participantSid,
            String trackName,
            TrackKind kind,
            String codec,
            Path file,
            long offsetMs,
            long durationMs) {
        this(recordingSid, trackSid, participantSid, trackName, kind, codec, file, offsetMs, durationMs, null);
    }

    /** This recording with another video type (what the archive layer knows of the stream). */
    public SourceRecording withVideoType(VideoType type) {
        return new SourceRecording(
                recordingSid, trackSid, participantSid, trackName, kind, codec, file, offsetMs, durationMs, type);
    }

    /** This recording lasting until room time {@code endMs} (its media may stop before). */
    public SourceRecording until(long endMs) {
        return new SourceRecording(
                recordingSid,
                trackSid,
                participantSid,
                trackName,
                kind,
                codec,
                file,
                offsetMs,
                Math.max(0, endMs - offsetMs),
                videoType);
    }

    /**
     * The stream this recording belongs to: its track ({@code MT…}), or the recording itself when
     * the track is unknown. A track recorded in several files (after a reconnect) is one stream.
     */
    public String streamId() {
        return trackSid != null ? trackSid : recordingSid;
    }

    /** Room-clock end of the recording (exclusive), ms since the Unix epoch. */
    public long endMs() {
        return offsetMs + durationMs;
    }
}
