package dev.quorum.sfu.event;

import dev.quorum.sfu.api.RoomInfo;
import java.time.Instant;

/** {@code room-created} or {@code room-ended}. */
public record RoomEvent(String name, RoomInfo room, Instant timestamp) implements ServerEvent {

    public static final String CREATED = "room-created";
    public static final String ENDED = "room-ended";

    @Override
    public String accountSid() {
        return room.accountSid();
    }
}
