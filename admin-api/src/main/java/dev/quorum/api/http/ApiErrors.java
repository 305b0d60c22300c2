package dev.quorum.api.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what Vert.x Web would otherwise answer itself — no route for the path (404) or the
 * method (405), a body the body handler refused (400, 413, 417), a path or query with broken
 * escapes (400), a handler that threw (500) — with the API's error body, so every 4xx and 5xx a
 * client gets carries {@code code}, {@code message}, {@code more_info} and {@code status}.
 *
 * <p>Client mistakes are not logged; a 500 from an exception is, once, as the bug it is.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    /** The statuses Vert.x Web fails a request with; any other goes through the catch-all. */
    private static final int[] KNOWN = {400, 404, 405, 413, 414, 415, 417, 431, 500, 501, 503};

    private ApiErrors() {}

    /** Routes every failure {@code router} does not handle itself to the API's error body. */
    public static void install(Router router) {
        for (int status : KNOWN) {
            router.errorHandler(status, ctx -> answer(ctx, status));
        }
        router.uncaughtErrorHandler(ctx -> answer(ctx, ctx.statusCode()));
    }

    /**
     * For {@link io.vertx.core.http.HttpServer#invalidRequestHandler}: a request Vert.x could not
     * parse (a malformed request line or header, a line or headers too long) gets the error body
     * too, with the status Vert.x would have sent (400, 414 or 431), and its connection closed.
     */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ApiException e;
        if (cause instanceof TooLongHttpLineException) {
            e = new ApiException(414, ApiException.INVALID_PARAMETER, "The request line is too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            e = new ApiException(431, ApiException.INVALID_PARAMETER, "The request headers are too large");
        } else {
            e = new ApiException(400, ApiException.INVALID_PARAMETER, "The request is not valid HTTP");
        }
        ApiRouter.writeError(request.response(), e);
        request.connection().close();
    }

    private static void answer(RoutingContext ctx, int failedWith) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        Throwable failure = ctx.failure();
        int status = failedWith;
        if (status < 400 || status > 599) {
            // Vert.x's body handler fails with status 200 when the request stream itself broke (a
            // malformed chunk, a client gone mid-body): the request could not be read.
            status = failure == null ? 500 : 400;
        }
        ApiRouter.writeError(ctx, exception(ctx, status, failure));
    }

    private static ApiException exception(RoutingContext ctx, int status, Throwable failure) {
        String path = ctx.request().path();
        return switch (status) {
            case 404 -> ApiException.notFound(path);
            case 405 -> ApiException.methodNotAllowed(ctx.request().method().name(), path);
            case 413 -> new ApiException(413, ApiException.INVALID_PARAMETER, "The request body is too large");
            case 400 ->
                new ApiException(
                        400,
                        ApiException.INVALID_PARAMETER,
                        "The request could not be read"
                                + (failure == null || failure.getMessage() == null
                                        ? " (a malformed path, query or body)"
                                        : ": " + shorten(failure.getMessage())));
            default -> {
                if (status >= 500) {
                    if (failure != null) {
                        LOG.error("Unexpected failure on {} {}", ctx.request().method(), path, failure);
                    }
                    yield new ApiException(status, ApiException.INTERNAL, "Internal server error");
                }
                yield new ApiException(
                        status,
                        ApiException.INVALID_PARAMETER,
                        "The request could not be served: "
                                + HttpResponseStatus.valueOf(status).reasonPhrase());
            }
        };
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
