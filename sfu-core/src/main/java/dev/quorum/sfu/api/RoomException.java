package dev.quorum.sfu.api;

/**
 * A room operation the SFU refused, with the hosted service's error code (e.g. 53113 room exists,
 * 53106 room not found, 53105 too many participants, 53118 room completed) and a message a user
 * can act on.
 */
public final class RoomException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String location;

    public RoomException(int code, String message) {
        this(code, message, null);
    }

    /**
     * @param location the base URL of the server to connect to instead (a room hosted by another
     *     server sharing the database), or null
     */
    public RoomException(int code, String message, String location) {
        super(message);
        this.code = code;
        this.location = location;
    }

    public int code() {
        return code;
    }

    /** The base URL of the server that hosts the room, when the refusal is "connect there"; or null. */
    public String location() {
        return location;
    }
}
