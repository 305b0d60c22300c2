package dev.quorum.api.archives;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A raw HTTP client of the archive API, signing each request as the SDKs do: an HS256
 * {@code X-OPENTOK-AUTH} token for an API-key project, or an RS256 {@code Authorization: Bearer}
 * token for an application. Tests use it to send what the SDKs would never send.
 */
final class VideoApiClient {

    record Reply(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }

        JsonArray array() {
            return new JsonArray(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String project;
    private final String secret;
    private final PrivateKey key;
    private final Clock clock;

    private VideoApiClient(String base, String project, String secret, PrivateKey key, Clock clock) {
        this.base = base;
        this.project = project;
        this.secret = secret;
        this.key = key;
        this.clock = clock;
    }

    /** @param clock the server's clock, so tokens stay valid while a test moves it */
    static VideoApiClient opentok(String base, String apiKey, String secret, Clock clock) {
        return new VideoApiClient(base, apiKey, secret, null, clock);
    }

    static VideoApiClient vonage(String base, String applicationId, PrivateKey key, Clock clock) {
        return new VideoApiClient(base, applicationId, null, key, clock);
    }

    String project() {
        return project;
    }

    /** {@code /v2/project/<project>} + {@code path}. */
    Reply call(String method, String path, String json) {
        return raw(method, "/v2/project/" + project + path, json, "application/json", authHeader());
    }

    Reply get(String path) {
        return call("GET", path, null);
    }

    Reply post(String path, JsonObject body) {
        return call("POST", path, body == null ? null : body.encode());
    }

    Reply delete(String path) {
        return call("DELETE", path, null);
    }

    Reply createSession(String form) {
        return raw("POST", "/session/create", form, "application/x-www-form-urlencoded", authHeader());
    }

    /** Sends with the given auth header ({name, value}), or none when null. */
    Reply raw(String method, String path, String body, String contentType, String[] auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (auth != null) {
            b.header(auth[0], auth[1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String[] authHeader() {
        long now = clock.instant().getEpochSecond();
        if (key == null) {
            return new String[] {
                "X-OPENTOK-AUTH",
                hs256(
                        new JsonObject()
                                .put("iss", project)
                                .put("ist", "project")
                                .put("iat", now)
                                .put("exp", now + 180)
                                .put("jti", UUID.randomUUID().toString()),
                        secret)
            };
        }
        return new String[] {
            "Authorization",
            "Bearer "
                    + rs256(
                            new JsonObject()
                                    .put("application_id", project)
                                    .put("iat", now)
                                    .put("jti", UUID.randomUUID().toString()),
                            key)
        };
    }

    static String hs256(JsonObject claims, String secret) {
        String input = part("{\"alg\":\"HS256\"}") + "." + part(claims.encode());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rs256(JsonObject claims, PrivateKey key) {
        String input = part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + part(claims.encode());
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
