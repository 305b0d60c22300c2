package dev.quorum.sfu.api;

/**
 * A room operation the SFU refused, with the hosted service's error code (e.g. 53113 room exists,
 * 53106 room not found, 53105 too many participants, 53118 room completed) and a message a user
 * can act on.
 */
public final class RoomException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;

    public RoomException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
