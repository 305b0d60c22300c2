package dev.quorum.sfu.event;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomInfo;
import java.time.Instant;

/** {@code participant-connected}, {@code participant-disconnected} (and reconnecting changes). */
public record ParticipantEvent(String name, RoomInfo room, ParticipantInfo participant, Instant timestamp)
        implements ServerEvent {

    public static final String CONNECTED = "participant-connected";
    public static final String DISCONNECTED = "participant-disconnected";

    @Override
    public String accountSid() {
        return room.accountSid();
    }
}
