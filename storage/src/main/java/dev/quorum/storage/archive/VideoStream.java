package dev.quorum.storage.archive;

import java.time.Instant;
import java.util.List;

/**
 * A stream of a session: what one client publishes together, as the archive API counts streams.
 * A participant's microphone and camera tracks make its camera stream; each screen-share video
 * track is a stream of its own.
 *
 * @param streamId      a UUID
 * @param videoType     {@code camera}, {@code screen} or {@code custom}
 * @param layoutClasses the classes composed layouts select streams by
 * @param audioTrackSid the track carrying its audio now, or null
 * @param videoTrackSid the track carrying its video now, or null
 * @param dateEnded     when its last track was unpublished, or null while published
 */
public record VideoStream(
        String streamId,
        String sessionId,
        String roomSid,
        String connectionId,
        String participantSid,
        String name,
        String videoType,
        List<String> layoutClasses,
        String audioTrackSid,
        String videoTrackSid,
        Instant dateCreated,
        Instant dateEnded) {

    public static final String CAMERA = "camera";
    public static final String SCREEN = "screen";

    public VideoStream {
        layoutClasses = List.copyOf(layoutClasses);
    }

    public boolean live() {
        return dateEnded == null;
    }
}
