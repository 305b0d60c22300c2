package dev.quorum.signaling.token;

import java.util.Locale;

/**
 * Why a token was refused, with the hosted service's error code for it (20101–20107). The
 * lower-case name is the {@code reason} tag of the refusal metric.
 */
public enum TokenRefusal {
    /** No token was given. */
    MISSING(20101, "an access token is required"),
    /** Not three base64url parts of JSON, or a claim has the wrong type. */
    MALFORMED(20101, "the access token is not a well-formed JWT"),
    /** The header is not {@code cty: twilio-fpa;v=1} with an HMAC algorithm. */
    BAD_HEADER(20102, "the access token header must have cty 'twilio-fpa;v=1' and alg HS256"),
    /** {@code iss} names no API key this server knows. */
    UNKNOWN_API_KEY(20103, "the access token's issuer (iss) is not an API key of this server"),
    /** {@code sub} is not the account owning the API key. */
    ACCOUNT_MISMATCH(20103, "the access token's subject (sub) is not the account owning the API key"),
    /** The signature does not match the API key's secret. */
    BAD_SIGNATURE(20107, "the access token's signature is invalid"),
    /** No {@code exp}, or one more than 24 hours away. */
    BAD_EXPIRY(20104, "the access token must expire (exp) within 24 hours"),
    /** {@code exp} has passed. */
    EXPIRED(20104, "the access token has expired"),
    /** {@code nbf} is still in the future. */
    NOT_YET_VALID(20105, "the access token is not valid yet (nbf)"),
    /** {@code grants.identity} is missing, empty or longer than 128 characters. */
    NO_IDENTITY(20106, "the access token must grant an identity of 1 to 128 characters"),
    /** {@code grants.video} is missing: the token is not for video rooms. */
    NO_VIDEO_GRANT(20106, "the access token has no video grant"),
    /** {@code grants.video.room} names another room. */
    ROOM_NOT_GRANTED(20106, "the access token does not grant access to this room"),
    /** A client token's {@code partner_id} or {@code application_id} names no project of this server. */
    UNKNOWN_PROJECT(20103, "the client token's project (partner_id or application_id) is not a project of this server"),
    /** A client token's session is unknown, or belongs to another project. */
    UNKNOWN_SESSION(20106, "the client token's session is not a session of its project");

    private final int code;
    private final String message;

    TokenRefusal(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The error code sent to the client. */
    public int code() {
        return code;
    }

    /** A sentence a developer can act on. */
    public String message() {
        return message;
    }

    /** The metric tag and wire spelling, e.g. {@code bad_signature}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
