package dev.quorum.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.server.QuorumServer;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import dev.quorum.storage.account.AccountStore;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Starts a server on a data directory and calls its REST API as the development account. */
final class TestServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestServer() {}

    /** A server on {@code data}, loopback only, ephemeral ports, fast callbacks, no composer workers. */
    static QuorumServer start(Path data, Map<String, String> extra) throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("http.port", "0", "http.host", "127.0.0.1",
                "media.port", "0", "media.announced-addresses", "127.0.0.1", "data.dir", data.toString(),
                "dev-mode", "true", "callbacks.poll-interval", "50ms", "composer.workers", "0"));
        values.putAll(extra);
        ConfigSource source = ConfigSource.of(values);
        QuorumServer s = new QuorumServer(ServerConfig.from(source), source);
        try {
            s.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        return s;
    }

    static Map<String, String> form(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    /** POSTs a form; returns the response after checking its status. */
    static HttpResponse<String> post(QuorumServer s, String path, Map<String, String> form, int expectedStatus)
            throws Exception {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(s, path))
                .header("Authorization", basic(s))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(expectedStatus);
        return r;
    }

    static JsonObject postJson(QuorumServer s, String path, Map<String, String> form, int expectedStatus)
            throws Exception {
        return new JsonObject(post(s, path, form, expectedStatus).body());
    }

    /** GETs a path without following redirects. */
    static HttpResponse<String> get(QuorumServer s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(s, path)).header("Authorization", basic(s)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject getJson(QuorumServer s, String path) throws Exception {
        HttpResponse<String> r = get(s, path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    static URI uri(QuorumServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.httpPort() + path);
    }

    static String basic(QuorumServer s) {
        AccountStore.DevelopmentCredentials dev = s.developmentCredentials().orElseThrow();
        return "Basic " + Base64.getEncoder().encodeToString((dev.account().sid() + ":" + dev.account().authToken())
                .getBytes(StandardCharsets.UTF_8));
    }
}
