package dev.quorum.sfu.event;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.TrackInfo;
import java.time.Instant;

/** {@code track-added}, {@code track-removed}, {@code track-enabled}, {@code track-disabled}. */
public record TrackEvent(String name, RoomInfo room, ParticipantInfo participant, TrackInfo track, Instant timestamp)
        implements ServerEvent {

    public static final String ADDED = "track-added";
    public static final String REMOVED = "track-removed";
    public static final String ENABLED = "track-enabled";
    public static final String DISABLED = "track-disabled";

    @Override
    public String accountSid() {
        return room.accountSid();
    }
}
