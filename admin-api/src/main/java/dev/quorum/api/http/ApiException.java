package dev.quorum.api.http;

/**
 * A request the API refuses, carried to the error writer: the HTTP status, the error code of the
 * hosted service's catalogue (or ours, see docs/rest-api.md) and a message a caller can act on.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Invalid parameter value (our generic 400 code; the message names the parameter). */
    public static final int INVALID_PARAMETER = 20001;

    public static final int AUTHENTICATE = 20003;
    public static final int METHOD_NOT_ALLOWED = 20004;
    public static final int FORBIDDEN = 20403;
    public static final int NOT_FOUND = 20404;
    public static final int CONFLICT = 20409;
    public static final int INTERNAL = 20500;
    public static final int INVALID_RECORDING_RULES = 53120;

    private final int status;
    private final int code;

    public ApiException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    /** 400 naming the parameter at fault. */
    public static ApiException invalid(String parameter, String message) {
        return new ApiException(
                400,
                INVALID_PARAMETER,
                message.contains(parameter) ? message : "Invalid " + parameter + ": " + message);
    }

    public static ApiException badRequest(int code, String message) {
        return new ApiException(400, code, message);
    }

    /** 404 for a resource the caller's account does not have. */
    public static ApiException notFound(String path) {
        return new ApiException(404, NOT_FOUND, "The requested resource " + path + " was not found");
    }

    public static ApiException unauthorized() {
        return new ApiException(401, AUTHENTICATE, "Authenticate");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, FORBIDDEN, message);
    }

    public static ApiException methodNotAllowed(String method, String path) {
        return new ApiException(405, METHOD_NOT_ALLOWED, "Method " + method + " is not allowed on " + path);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, CONFLICT, message);
    }
}
