package dev.quorum.sfu.room;

/**
 * Why the server ended a participant's session: the codes passed to
 * {@link Participant.Listener#onDisconnected(int, String)}, in the hosted service's numbering.
 */
public final class DisconnectReason {

    /** The room ended (REST completed it, or it timed out). */
    public static final int ROOM_COMPLETED = 53118;
    /** Removed through the REST API ({@code Status=disconnected}). */
    public static final int REMOVED = 53204;
    /** Another client joined the room with the same identity. */
    public static final int DUPLICATE_IDENTITY = 53205;
    /** Connected longer than the room's {@code MaxParticipantDuration}. */
    public static final int MAX_DURATION_EXCEEDED = 53216;
    /** The media connection failed (ICE consent lost, DTLS failed) and did not recover. */
    public static final int MEDIA_CONNECTION_FAILED = 53405;

    private DisconnectReason() {}
}
