package dev.quorum.signaling.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A resource from the classpath, loaded once, served with its content type and no caching surprises. */
final class StaticAssets {

    private StaticAssets() {}

    static io.vertx.core.Handler<RoutingContext> resource(String path, String contentType) {
        Buffer body = Buffer.buffer(load(path));
        return ctx -> ctx.response()
                .putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body);
    }

    static byte[] load(String path) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
