package dev.quorum.api.console;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The console's static files, from the class path ({@code web/console/}), loaded once: its two
 * pages and the modules and style sheet under {@code /console/assets/}. Only the files listed here
 * are served, so no path from a request ever reaches the class loader.
 */
final class ConsolePages {

    /** Every file of {@code web/console/assets/}. */
    static final List<String> ASSETS = List.of(
            "console.css",
            "api.js",
            "app.js",
            "format.js",
            "live.js",
            "sign-in.js",
            "ui.js",
            "rooms.js",
            "recordings.js",
            "compositions.js",
            "layout-preview.js",
            "hooks.js",
            "settings.js",
            "archives.js",
            "names.js");

    /**
     * Pages run only the server's own scripts and styles and call only this server; media may
     * come from a bucket (a media link's redirect), so it may be any origin. No framing.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; media-src 'self' https: http:; connect-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final Buffer app = Buffer.buffer(load("web/console/index.html"));
    private final Buffer signIn = Buffer.buffer(load("web/console/sign-in.html"));

    /** Serves {@code /console/assets/…} for GET and HEAD. */
    void mountAssets(Router router) {
        for (String name : ASSETS) {
            Buffer body = Buffer.buffer(load("web/console/assets/" + name));
            String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            router.route("/console/assets/" + name)
                    .method(HttpMethod.GET)
                    .method(HttpMethod.HEAD)
                    .handler(ctx -> send(ctx, type, body, false));
        }
    }

    /** The application shell (every page of the console is drawn by its modules). */
    Handler<RoutingContext> app() {
        return ctx -> send(ctx, "text/html; charset=utf-8", app, true);
    }

    Handler<RoutingContext> signIn() {
        return ctx -> send(ctx, "text/html; charset=utf-8", signIn, true);
    }

    private static void send(RoutingContext ctx, String type, Buffer body, boolean page) {
        HttpServerResponse r = ctx.response()
                .putHeader("Content-Type", type)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", page ? "no-store" : "no-cache");
        if (page) {
            r.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("Referrer-Policy", "same-origin");
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            r.putHeader("Content-Length", Integer.toString(body.length())).end();
        } else {
            r.end(body);
        }
    }

    private static byte[] load(String path) {
        try (InputStream in = ConsolePages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing console resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for a path the sign-in page may send the browser back to: a page of the console. */
    static boolean isPage(String path) {
        return path != null
                && path.startsWith("/console/")
                && !path.startsWith("/console/assets/")
                && !path.startsWith("/console/sign-in")
                && !path.startsWith("/console/session")
                && !path.contains("//")
                && !path.contains("\\")
                && path.length() < 512
                && path.toLowerCase(Locale.ROOT).chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
