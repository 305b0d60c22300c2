package dev.quorum.sfu.event;

import java.time.Instant;

/**
 * A state change a user can be told about: a room, participant, track, recording or composition
 * event. Modules define their own event records implementing this interface; the webhook
 * dispatcher and the signaling layer read them from the {@link EventBus}.
 */
public interface ServerEvent {

    /** The event's name as status callbacks spell it, e.g. {@code room-created}. */
    String name();

    /** The account the event's resource belongs to ({@code AC…}). */
    String accountSid();

    /** When the event happened. */
    Instant timestamp();
}
