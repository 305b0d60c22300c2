package dev.quorum.api.projects;

import dev.quorum.storage.archive.VideoProject;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** One authenticated archive API request and the ways to answer it. */
public final class ProjectCall {

    private final RoutingContext ctx;
    private final VideoProject project;
    private final String baseUrl;

    ProjectCall(RoutingContext ctx, VideoProject project, String baseUrl) {
        this.ctx = ctx;
        this.project = project;
        this.baseUrl = baseUrl;
    }

    public VideoProject project() {
        return project;
    }

    /** The public base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public String path() {
        return ctx.request().path();
    }

    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter, or null when absent or empty. */
    public String query(String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The form of a {@code application/x-www-form-urlencoded} POST. */
    public MultiMap form() {
        MultiMap f = ctx.request().formAttributes();
        return f == null ? MultiMap.caseInsensitiveMultiMap() : f;
    }

    /** The body as a JSON object; 400 when it is not one. */
    public JsonObject json() {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw VideoApiException.badRequest("The request body must be a JSON object");
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(text);
            if (v instanceof JsonObject o) {
                return o;
            }
        } catch (DecodeException e) {
            throw VideoApiException.badRequest("The request body is not valid JSON: " + e.getMessage());
        }
        throw VideoApiException.badRequest("The request body must be a JSON object");
    }

    public void json(int status, JsonObject body) {
        send(status, body.encode());
    }

    public void json(int status, JsonArray body) {
        send(status, body.encode());
    }

    /** A status with an empty body (200 for layout changes, 204 for deletes and stream changes). */
    public void empty(int status) {
        ctx.response().setStatusCode(status).end();
    }

    private void send(int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body);
    }
}
