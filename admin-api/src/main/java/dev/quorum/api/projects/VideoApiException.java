package dev.quorum.api.projects;

/**
 * A request the archive API refuses: the HTTP status and a message naming what is wrong. Answered
 * as {@code {"code": <status>, "message": "…"}}, the hosted service's error body, with the
 * message again in {@code detail}, where the Vonage SDK reads it.
 */
public final class VideoApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public VideoApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static VideoApiException badRequest(String message) {
        return new VideoApiException(400, message);
    }

    public static VideoApiException forbidden(String message) {
        return new VideoApiException(403, message);
    }

    public static VideoApiException notFound(String message) {
        return new VideoApiException(404, message);
    }

    public static VideoApiException conflict(String message) {
        return new VideoApiException(409, message);
    }
}
