package dev.quorum.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The REST API as an application calls it: HTTP basic auth with the account SID and auth token. */
public final class RestClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    public RestClient(String base, String accountSid, String authToken) {
        this.base = base;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header value these requests carry. */
    public String authorization() {
        return authorization;
    }

    public JsonObject get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    /** A plain-text resource, such as {@code /metrics}. */
    public String text(String path) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A form POST; {@code form} is name, value, name, value… (a name may repeat; a null value is left out). */
    public JsonObject post(String path, int expectedStatus, String... form) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < form.length; i += 2) {
            if (form[i + 1] != null) {
                pairs.add(enc(form[i]) + "=" + enc(form[i + 1]));
            }
        }
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))),
                expectedStatus);
    }

    /** Every recording of the room, oldest first (one page is enough for these rooms). */
    public List<JsonObject> recordings(String roomSid) {
        JsonArray list =
                get("/v1/Rooms/" + roomSid + "/Recordings?PageSize=100").getJsonArray("recordings");
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(list.getJsonObject(i));
        }
        out.sort((a, b) -> a.getString("date_created").compareTo(b.getString("date_created")));
        return out;
    }

    private JsonObject send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> r = http.send(
                    request.header("Authorization", authorization)
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expectedStatus) {
                throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                        + " (expected " + expectedStatus + "): " + r.body());
            }
            return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
        } catch (IOException e) {
            throw new AssertionError("REST call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
