package dev.quorum.signaling.protocol;

/**
 * WebSocket close codes the server uses (RFC 6455 §7.4; 4000–4999 are the application's). The
 * close reason starts with the error code of the {@code error} or {@code disconnected} message
 * sent just before, e.g. {@code "20104 the access token has expired"}.
 */
public final class CloseCodes {

    /** The client sent {@code leave}; the server closes after releasing the participant. */
    public static final short NORMAL = 1000;
    /** The server is shutting down. */
    public static final short GOING_AWAY = 1001;
    /** A message before joining broke the protocol (not JSON, unknown type, not join/resume). */
    public static final short PROTOCOL_VIOLATION = 4400;
    /** The access token was refused. */
    public static final short TOKEN_REFUSED = 4401;
    /** The room refused the participant (full, completed, not found). */
    public static final short ROOM_REFUSED = 4403;
    /** No {@code join} or {@code resume} arrived in time after the socket opened. */
    public static final short JOIN_TIMEOUT = 4408;
    /** Another connection joined the room with the same identity and replaced this one. */
    public static final short REPLACED = 4409;
    /** The server ended the participant's session (removed, room completed, time limit, media failed). */
    public static final short DISCONNECTED = 4410;
    /** A message exceeded the size limit. */
    public static final short MESSAGE_TOO_LARGE = 4413;
    /** The client sent messages faster than the rate limit allows. */
    public static final short RATE_LIMITED = 4429;
    /** The server failed unexpectedly. */
    public static final short SERVER_ERROR = 4500;

    private CloseCodes() {}
}
