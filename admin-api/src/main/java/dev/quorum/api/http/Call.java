package dev.quorum.api.http;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** One authenticated API request and the ways to answer it. */
public final class Call {

    private final RoutingContext ctx;
    private final Principal principal;
    private final String baseUrl;

    Call(RoutingContext ctx, Principal principal, String baseUrl) {
        this.ctx = ctx;
        this.principal = principal;
        this.baseUrl = baseUrl;
    }

    public Principal principal() {
        return principal;
    }

    public String account() {
        return principal.accountSid();
    }

    /** The public base URL ({@code http.public-url}), without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The request path as sent (for messages and self links). */
    public String path() {
        return ctx.request().path();
    }

    /** A decoded path parameter. */
    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    /** The query parameters. */
    public Params query() {
        try {
            return new Params(ctx.queryParams());
        } catch (RuntimeException malformed) { // Vert.x fails to decode a stray or broken % escape
            Throwable why = malformed.getCause() != null ? malformed.getCause() : malformed;
            throw ApiException.invalid("query", "The query string is malformed: " + why.getMessage());
        }
    }

    /** The form parameters of a POST body (only the body: the query is not merged in). */
    public Params form() {
        MultiMap form = ctx.request().formAttributes();
        return new Params(form == null ? MultiMap.caseInsensitiveMultiMap() : form);
    }

    public String header(String name) {
        return ctx.request().getHeader(name);
    }

    public void json(int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    /** 204, empty body. */
    public void noContent() {
        ctx.response().setStatusCode(204).end();
    }

    /** A redirect whose body also carries the target, as the media endpoints answer. */
    public void redirect(String location) {
        ctx.response()
                .setStatusCode(302)
                .putHeader("Location", location)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("redirect_to", location).encode());
    }

    RoutingContext context() {
        return ctx;
    }
}
