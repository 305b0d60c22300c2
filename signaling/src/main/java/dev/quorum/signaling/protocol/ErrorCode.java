package dev.quorum.signaling.protocol;

import java.util.Locale;

/**
 * The codes of {@code error} messages that are not about the access token (those are
 * {@link dev.quorum.signaling.token.TokenRefusal}s) or the room ({@link dev.quorum.sfu.api.RoomException}
 * codes such as 53105). {@link #wireName()} is the {@code name} field of the message and the
 * {@code code} tag of the error metric.
 */
public enum ErrorCode {
    /** The server failed while handling the message; the session goes on. */
    INTERNAL(53000),
    /** No {@code join} or {@code resume} arrived in time (closes with 4408). */
    JOIN_TIMEOUT(53002),
    /** {@code resume} named no session that can be resumed; send {@code join} instead. */
    RESUME_FAILED(53003),
    /** Not a JSON object, or a field is missing or has the wrong type. */
    INVALID_MESSAGE(53004),
    /** The {@code type} is not one the server knows. */
    UNKNOWN_TYPE(53005),
    /** The message is valid but not expected now (e.g. {@code publish} before {@code join}). */
    UNEXPECTED_MESSAGE(53006),
    /** The message is longer than the size limit (closes with 4413). */
    MESSAGE_TOO_LARGE(53007),
    /** Messages came faster than the rate limit (closes with 4429). */
    RATE_LIMITED(53008),
    /** An SDP could not be parsed or negotiated; the message names the line or rule. */
    INVALID_SDP(53403),
    /** No m-section of the offer has a codec the room allows. */
    NO_USABLE_CODEC(53404),
    /** The client token's role does not allow it (a {@code subscriber} publishing). */
    NOT_ALLOWED(20403);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** e.g. {@code invalid_message}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
