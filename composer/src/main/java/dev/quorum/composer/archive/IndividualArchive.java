package dev.quorum.composer.archive;

import dev.quorum.composer.SourceRecording;
import dev.quorum.sfu.api.TrackKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An individual-stream archive: the recorded files of a session, unmixed, with a manifest that
 * places each on the archive's clock so a post-processor can line them up.
 *
 * @param id        the archive's id
 * @param name      the archive's name, or empty
 * @param sessionId the session (room) recorded
 * @param partnerId the application/project the archive belongs to, or null to leave it out
 * @param createdAt when recording effectively started, ms since the Unix epoch; every offset in
 *                  the manifest counts from here
 */
public record IndividualArchive(
        String id, String name, String sessionId, String partnerId, long createdAt, List<ArchiveStream> streams) {

    public IndividualArchive {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        name = name == null ? "" : name;
        streams = List.copyOf(streams);
    }

    /**
     * An archive of a room's recordings, one stream per track: the stream id is the track SID
     * (the recording SID for a track without one), its video type is the recording's (by default a
     * screen share is a video track whose name mentions "screen"), and the archive starts with the
     * earliest recording.
     *
     * @param connectionData the connection data of a recording's participant, or null
     */
    public static IndividualArchive ofRecordings(
            String id,
            String name,
            String roomSid,
            String partnerId,
            List<SourceRecording> recordings,
            Function<SourceRecording, String> connectionData) {
        List<SourceRecording> ordered = recordings.stream()
                .sorted(Comparator.comparingLong(SourceRecording::offsetMs)
                        .thenComparing(SourceRecording::recordingSid))
                .toList();
        long createdAt = ordered.isEmpty() ? 0 : ordered.get(0).offsetMs();
        List<ArchiveStream> streams = new ArrayList<>();
        for (SourceRecording r : ordered) {
            boolean video = r.kind() == TrackKind.VIDEO;
            String type = !video ? null : r.videoType().wireName();
            streams.add(new ArchiveStream(
                    r.file(),
                    r.trackSid() != null ? r.trackSid() : r.recordingSid(),
                    video ? "mkv" : "mka",
                    r.offsetMs(),
                    r.endMs(),
                    type,
                    connectionData.apply(r)));
        }
        return new IndividualArchive(id, name, roomSid, partnerId, createdAt, streams);
    }
}
