package dev.quorum.api.archives;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.TrackEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.VideoConnection;
import dev.quorum.storage.archive.VideoSession;
import dev.quorum.storage.archive.VideoStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps a session's streams in step with its room's tracks. A participant's audio and camera
 * video make one stream (video type {@code camera}); a video track whose name mentions
 * {@code screen} is a stream of its own ({@code screen}); a second track of a kind the camera
 * stream already carries starts another stream. A stream ends when its last track goes, and a new
 * publication is a new stream with a new UUID. Streams take their layout classes from the
 * connection's token; the room's history of classes (which composed layouts draw by) gets them
 * for the stream's video track.
 */
final class StreamTracker {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A stream that began or ended with a track event. */
    record Change(VideoStream stream, boolean ended) {}

    private final MetadataStore store;
    private final Clock clock;

    StreamTracker(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Applies a track event of a session's room; empty when no stream began or ended. */
    Optional<Change> onTrack(VideoSession session, TrackEvent e) {
        if (e.name().equals(TrackEvent.ADDED)) {
            return added(session, e.participant(), e.track());
        }
        if (e.name().equals(TrackEvent.REMOVED)) {
            return removed(session, e.track());
        }
        return Optional.empty();
    }

    private Optional<Change> added(VideoSession session, ParticipantInfo p, TrackInfo t) {
        if (t.kind() == TrackKind.DATA) {
            return Optional.empty();
        }
        List<VideoStream> mine = store.sessions().liveStreams(session.sessionId()).stream()
                .filter(s -> s.participantSid().equals(p.sid()))
                .toList();
        if (mine.stream()
                .anyMatch(s -> t.sid().equals(s.audioTrackSid()) || t.sid().equals(s.videoTrackSid()))) {
            return Optional.empty();
        }
        boolean video = t.kind() == TrackKind.VIDEO;
        boolean screen = video && t.name().toLowerCase(Locale.ROOT).contains("screen");
        if (!screen) {
            Optional<VideoStream> camera = mine.stream()
                    .filter(s -> VideoStream.CAMERA.equals(s.videoType()))
                    .filter(s -> video ? s.videoTrackSid() == null : s.audioTrackSid() == null)
                    .findFirst();
            if (camera.isPresent()) {
                VideoStream c = camera.get();
                store.sessions()
                        .setTracks(
                                c.streamId(), video ? c.audioTrackSid() : t.sid(), video ? t.sid() : c.videoTrackSid());
                if (video) {
                    classesOfVideo(c.roomSid(), t.sid(), c.layoutClasses());
                }
                return Optional.empty();
            }
        }
        Optional<VideoConnection> conn = store.sessions().connectionOfParticipant(p.sid());
        VideoStream s = store.sessions()
                .createStream(new VideoStream(
                        UUID.randomUUID().toString(),
                        session.sessionId(),
                        p.roomSid(),
                        conn.map(VideoConnection::connectionId).orElse(connectionId(p)),
                        p.sid(),
                        t.name(),
                        screen ? VideoStream.SCREEN : VideoStream.CAMERA,
                        conn.map(VideoConnection::layoutClasses).orElse(List.of()),
                        video ? null : t.sid(),
                        video ? t.sid() : null,
                        clock.instant(),
                        null));
        if (video) {
            classesOfVideo(s.roomSid(), t.sid(), s.layoutClasses());
        }
        return Optional.of(new Change(s, false));
    }

    /** A stream's classes (from its token, or set before) hold for a video track it gains, from now on. */
    private void classesOfVideo(String roomSid, String trackSid, List<String> classes) {
        if (!classes.isEmpty()) {
            store.streamClasses().append(roomSid, trackSid, clock.millis(), classes);
        }
    }

    private Optional<Change> removed(VideoSession session, TrackInfo t) {
        Optional<VideoStream> found = store.sessions().liveStreams(session.sessionId()).stream()
                .filter(s -> t.sid().equals(s.audioTrackSid()) || t.sid().equals(s.videoTrackSid()))
                .findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        VideoStream s = found.get();
        String audio = t.sid().equals(s.audioTrackSid()) ? null : s.audioTrackSid();
        String video = t.sid().equals(s.videoTrackSid()) ? null : s.videoTrackSid();
        store.sessions().setTracks(s.streamId(), audio, video);
        if (audio == null && video == null) {
            store.sessions().endStream(s.streamId());
            return Optional.of(new Change(s, true));
        }
        return Optional.empty();
    }

    /**
     * The connection ID of a participant: its identity when it joined with a client token (a UUID),
     * else a UUID made of its SID's 128 bits.
     */
    static String connectionId(ParticipantInfo p) {
        if (UUID_FORM.matcher(p.identity()).matches()) {
            return p.identity();
        }
        String h = p.sid().substring(2).toLowerCase(Locale.ROOT);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }
}
