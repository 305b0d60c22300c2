package dev.quorum.sfu.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The settings a room is created with (REST {@code POST /v1/Rooms}, or the defaults of an ad hoc
 * room created by a first join).
 *
 * @param type                         {@code group} (other types are accepted for compatibility
 *                                     and behave as group)
 * @param statusCallback               where room, participant, track and recording events are
 *                                     sent; null for none
 * @param statusCallbackMethod         {@code POST} or {@code GET}
 * @param maxParticipants              at most this many connected participants
 * @param maxParticipantDuration       a participant is disconnected after this long
 * @param emptyRoomTimeout             the room ends this long after its last participant left
 * @param unusedRoomTimeout            the room ends this long after creation if nobody joined
 * @param videoCodecs                  codecs publishers may use, in preference order: {@code VP8},
 *                                     {@code H264} (VP9 is also understood)
 * @param recordParticipantsOnConnect  whether the initial recording rules record everything
 * @param recordingRules               the initial recording rules
 * @param audioOnly                    whether video tracks are refused
 * @param mediaRegion                  informational; echoed back
 * @param largeRoom                    informational; echoed back
 */
public record RoomSettings(
        String type,
        URI statusCallback,
        String statusCallbackMethod,
        int maxParticipants,
        Duration maxParticipantDuration,
        Duration emptyRoomTimeout,
        Duration unusedRoomTimeout,
        List<String> videoCodecs,
        boolean recordParticipantsOnConnect,
        List<RecordingRule> recordingRules,
        boolean audioOnly,
        String mediaRegion,
        boolean largeRoom) {

    public RoomSettings {
        videoCodecs = List.copyOf(videoCodecs);
        recordingRules = List.copyOf(recordingRules);
    }

    /** Defaults of the hosted service for a group room, with recording as given. */
    public static RoomSettings defaults(boolean recordParticipantsOnConnect) {
        return new RoomSettings(
                "group",
                null,
                "POST",
                50,
                Duration.ofHours(4),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                List.of("VP8"),
                recordParticipantsOnConnect,
                recordParticipantsOnConnect ? RecordingRule.RECORD_ALL : List.of(),
                false,
                "us1",
                false);
    }
}
