package dev.quorum.signaling.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A resource from the classpath, loaded once, served with its content type and no caching surprises. */
final class StaticAssets {

    private StaticAssets() {}

    /**
     * Serves a classpath resource at {@code url} for GET, and for HEAD (the same headers, with its
     * Content-Length, and no body) so that checks of the SDK's or the page's presence succeed.
     */
    static void mount(Router router, String url, String path, String contentType) {
        router.route(url).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(resource(path, contentType));
    }

    static io.vertx.core.Handler<RoutingContext> resource(String path, String contentType) {
        Buffer body = Buffer.buffer(load(path));
        String length = Integer.toString(body.length());
        return ctx -> {
            var response = ctx.response()
                    .putHeader("Content-Type", contentType)
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Content-Type-Options", "nosniff");
            if (ctx.request().method() == HttpMethod.HEAD) {
                response.putHeader("Content-Length", length).end();
            } else {
                response.end(body);
            }
        };
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
