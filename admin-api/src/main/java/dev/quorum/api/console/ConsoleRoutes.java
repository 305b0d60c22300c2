package dev.quorum.api.console;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.CookieSessions;
import dev.quorum.api.http.Dates;
import dev.quorum.storage.StoreException;
import dev.quorum.storage.console.ConsoleSession;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console on the server's HTTP port:
 * <ul>
 *   <li>{@code /console/sign-in}: the sign-in page; {@code /console/assets/…}: its modules and
 *       styles (no data in them, served to anyone);</li>
 *   <li>{@code /console/session}: {@code POST} signs in ({@code Sid}, {@code Secret}) and sets the
 *       session cookie, {@code GET} says who is signed in and gives the CSRF token,
 *       {@code DELETE} signs out;</li>
 *   <li>every other {@code /console/…} path: the console's pages, served only to a live session;
 *       without one, a redirect to the sign-in page.</li>
 * </ul>
 * The pages then call the REST API and the archive API with the cookie ({@link CookieSessions}).
 * The cookie is {@code HttpOnly}, {@code SameSite=Strict}, {@code Path=/}, and {@code Secure}
 * whenever the server is reached over TLS: its public URL is https, the connection is TLS, or a
 * proxy says so with {@code X-Forwarded-Proto: https}.
 */
public final class ConsoleRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);

    private final ConsoleSessions sessions;
    private final boolean publicHttps;
    private final ConsolePages pages = new ConsolePages();

    public ConsoleRoutes(ConsoleSessions sessions, String publicUrl) {
        this.sessions = sessions;
        this.publicHttps = publicUrl.startsWith("https://");
    }

    public void mount(Router router) {
        // Vert.x matches "/console/" to this route too; only the bare path is sent on.
        router.get("/console").handler(ctx -> {
            if (ctx.request().path().equals("/console")) {
                ctx.response()
                        .setStatusCode(301)
                        .putHeader("Location", "/console/")
                        .end();
            } else {
                ctx.next();
            }
        });
        pages.mountAssets(router);
        router.route("/console/sign-in")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(pages.signIn());
        router.post("/console/session")
                .handler(BodyHandler.create(false).setBodyLimit(8192).setMergeFormAttributes(false));
        router.post("/console/session").blockingHandler(ctx -> guarded(ctx, this::signIn), false);
        router.get("/console/session").blockingHandler(ctx -> guarded(ctx, this::current), false);
        router.delete("/console/session").blockingHandler(ctx -> guarded(ctx, this::signOut), false);
        router.route("/console/session").handler(ctx -> {
            ctx.response().putHeader("Allow", "GET, POST, DELETE");
            ApiRouter.writeError(
                    ctx,
                    ApiException.methodNotAllowed(
                            ctx.request().method().name(), ctx.request().path()));
        });
        router.route("/console/*")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .blockingHandler(this::page, false);
    }

    private interface Step {
        void run(RoutingContext ctx);
    }

    private void guarded(RoutingContext ctx, Step step) {
        try {
            step.run(ctx);
        } catch (ApiException e) {
            if (e.status() == 401) {
                ctx.response().putHeader("WWW-Authenticate", ApiRouter.CONSOLE_CHALLENGE);
            }
            ApiRouter.writeError(ctx, e);
        } catch (StoreException e) {
            LOG.error(
                    "Metadata store failed on {} {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    e);
            ApiRouter.writeError(
                    ctx,
                    new ApiException(
                            500, ApiException.INTERNAL, "The server could not reach its metadata store; retry later"));
        }
    }

    /** A page: the shell for a live session, else the sign-in page, which comes back here afterwards. */
    private void page(RoutingContext ctx) {
        if (ctx.request().path().startsWith("/console/assets/")) {
            ApiRouter.writeError(ctx, ApiException.notFound(ctx.request().path()));
            return;
        }
        try {
            if (sessions.live(cookie(ctx.request())).isPresent()) {
                pages.app().handle(ctx);
                return;
            }
        } catch (StoreException e) {
            LOG.error(
                    "Metadata store failed on {} {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    e);
            ApiRouter.writeError(
                    ctx,
                    new ApiException(
                            500, ApiException.INTERNAL, "The server could not reach its metadata store; retry later"));
            return;
        }
        String back = ctx.request().uri();
        String location = "/console/sign-in"
                + (ConsolePages.isPage(back) && !back.equals("/console/")
                        ? "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8)
                        : "");
        ctx.response()
                .setStatusCode(303)
                .putHeader("Location", location)
                .putHeader("Cache-Control", "no-store")
                .end();
    }

    private void signIn(RoutingContext ctx) {
        // A custom header cannot be sent cross-site without CORS, which this server never allows:
        // another site cannot sign a visitor's browser in to an account of its choosing.
        if (ctx.request().getHeader(CookieSessions.CSRF_HEADER) == null) {
            throw ApiException.forbidden("Sign in from the console's page: the request must carry the "
                    + CookieSessions.CSRF_HEADER + " header");
        }
        MultiMap form = ctx.request().formAttributes();
        String sid = form == null ? null : form.get("Sid");
        String secret = form == null ? null : form.get("Secret");
        if (sid == null || sid.isBlank() || secret == null || secret.isEmpty()) {
            throw ApiException.invalid(
                    "Sid",
                    "Sign in with Sid (an account SID or API key SID) and Secret (its auth" + " token or secret)");
        }
        ConsoleSessions.SignedIn in = sessions.signIn(sid.trim(), secret);
        ctx.response().addCookie(sessionCookie(in.cookieValue(), ctx.request()));
        json(ctx, 201, view(in.session()));
    }

    private void current(RoutingContext ctx) {
        ConsoleSession s = sessions.live(cookie(ctx.request())).orElseThrow(ApiException::unauthorized);
        json(ctx, 200, view(s));
    }

    private void signOut(RoutingContext ctx) {
        String value = cookie(ctx.request());
        Optional<CookieSessions.Session> s = sessions.find(value);
        if (s.isPresent() && !s.get().allowsChange(ctx.request().getHeader(CookieSessions.CSRF_HEADER))) {
            throw ApiException.forbidden(
                    "Signing out needs the session's CSRF token in the " + CookieSessions.CSRF_HEADER + " header");
        }
        sessions.signOut(value);
        ctx.response().addCookie(sessionCookie("", ctx.request()).setMaxAge(0));
        ctx.response().setStatusCode(204).end();
    }

    private JsonObject view(ConsoleSession s) {
        String name = sessions.accountName(s.accountSid());
        return new JsonObject()
                .put("account_sid", s.accountSid())
                .put("account_name", name)
                .put("credential_sid", s.credentialSid())
                .put("csrf_token", s.csrfToken())
                .put("date_created", Dates.iso(s.dateCreated()))
                .put("expires_at", Dates.iso(s.expiresAt()))
                .put("idle_timeout", sessions.config().idleTimeout().toSeconds());
    }

    private Cookie sessionCookie(String value, HttpServerRequest request) {
        return Cookie.cookie(CookieSessions.COOKIE, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(overTls(request));
    }

    /** True when the browser reached this server over TLS, directly or through a proxy that says so. */
    private boolean overTls(HttpServerRequest request) {
        if (publicHttps || request.isSSL()) {
            return true;
        }
        String forwarded = request.getHeader("X-Forwarded-Proto");
        return forwarded != null && forwarded.split(",")[0].trim().equalsIgnoreCase("https");
    }

    private static String cookie(HttpServerRequest request) {
        Cookie c = request.getCookie(CookieSessions.COOKIE);
        return c == null ? null : c.getValue();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
