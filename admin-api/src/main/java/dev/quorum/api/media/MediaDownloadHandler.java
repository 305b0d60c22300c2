package dev.quorum.api.media;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiMetrics;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.url.MediaUrlSigner;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves signed media links ({@code GET|HEAD /media/<key>?Expires=…&Signature=…}) with byte-range
 * support so players can seek: {@code Accept-Ranges}, 206 with {@code Content-Range}, 416 for a
 * range past the end. A tampered link is 403, an expired one 403, a deleted file 404. No Basic
 * authentication: the signature is the credential.
 */
public final class MediaDownloadHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloadHandler.class);
    private static final String ROUTE = "/media/*";

    private final MediaStore media;
    private final MediaUrlSigner signer;
    private final ApiMetrics metrics;
    private final Clock clock;

    public MediaDownloadHandler(MediaStore media, MediaUrlSigner signer, ApiMetrics metrics, Clock clock) {
        this.media = media;
        this.signer = signer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Mounts the handler at {@code /media/*} on the server's router. */
    public void mount(Router router) {
        router.route(ROUTE).handler(ctx -> {
            Instant start = clock.instant();
            ctx.addEndHandler(v -> metrics.request(
                    ROUTE,
                    ctx.request().method(),
                    ctx.response().getStatusCode(),
                    Duration.between(start, clock.instant())));
            ctx.next();
        });
        router.route(HttpMethod.GET, ROUTE).blockingHandler(this::serve, false);
        router.route(HttpMethod.HEAD, ROUTE).blockingHandler(this::serve, false);
        router.route(ROUTE)
                .handler(ctx -> ApiRouter.writeError(
                        ctx,
                        ApiException.methodNotAllowed(
                                ctx.request().method().name(), ctx.request().path())));
    }

    private void serve(RoutingContext ctx) {
        String path = ctx.request().path();
        if (!path.startsWith(MediaUrlSigner.PATH_PREFIX)) { // "/media" itself also matches the route
            ApiRouter.writeError(ctx, ApiException.notFound(path));
            return;
        }
        String key = path.substring(MediaUrlSigner.PATH_PREFIX.length());
        String disposition = ctx.queryParams().get("Disposition");
        MediaUrlSigner.Verdict verdict = signer.verify(
                key,
                ctx.queryParams().get("Expires"),
                disposition,
                ctx.queryParams().get("Signature"));
        if (verdict != MediaUrlSigner.Verdict.VALID) {
            ApiRouter.writeError(
                    ctx,
                    ApiException.forbidden(
                            verdict == MediaUrlSigner.Verdict.EXPIRED
                                    ? "This media link has expired; request a new one from the resource's /Media endpoint"
                                    : "This media link is not valid"));
            return;
        }
        Optional<MediaObject> file;
        try {
            file = media.open(key);
        } catch (IOException e) {
            LOG.warn("Cannot open media {}", key, e);
            ApiRouter.writeError(ctx, new ApiException(500, ApiException.INTERNAL, "The media could not be read"));
            return;
        }
        if (file.isEmpty()) {
            ApiRouter.writeError(ctx, ApiException.notFound(ctx.request().path()));
            return;
        }
        MediaObject o = file.get();
        HttpServerResponse res = ctx.response();
        res.putHeader("Accept-Ranges", "bytes")
                .putHeader("Content-Type", o.contentType())
                .putHeader("Cache-Control", "private, no-transform");
        // An encrypted file's envelope travels as an object store would send it (x-amz-meta-x-amz-key…).
        o.metadata().forEach((name, value) -> res.putHeader("x-amz-meta-" + name, value));
        if (disposition != null) {
            res.putHeader("Content-Disposition", disposition);
        }
        ByteRange range = ByteRange.parse(ctx.request().getHeader("Range"), o.size());
        if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
            res.setStatusCode(416)
                    .putHeader("Content-Range", "bytes */" + o.size())
                    .end();
            return;
        }
        long offset = range.kind() == ByteRange.Kind.PARTIAL ? range.first() : 0;
        long length = range.kind() == ByteRange.Kind.PARTIAL ? range.length() : o.size();
        if (range.kind() == ByteRange.Kind.PARTIAL) {
            res.setStatusCode(206)
                    .putHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + o.size());
        } else {
            res.setStatusCode(200);
        }
        res.putHeader("Content-Length", Long.toString(length));
        if (ctx.request().method() == HttpMethod.HEAD || length == 0) {
            res.end();
            return;
        }
        if (o.localPath().isPresent()) {
            res.sendFile(o.localPath().get().toString(), offset, length);
            return;
        }
        try (InputStream in = o.read(offset, length)) {
            res.end(io.vertx.core.buffer.Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            LOG.warn("Cannot read media {}", key, e);
            res.reset();
        }
    }
}
