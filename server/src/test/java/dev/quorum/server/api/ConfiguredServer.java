package dev.quorum.server.api;

import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VideoGrant;
import com.twilio.rest.Domains;
import dev.quorum.server.QuorumServer;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;

/**
 * The whole server as {@code bin/quorum} runs it — SQLite and media under a data directory, the
 * media port, rooms engine, recorder, REST API and signaling — with one configured account and API
 * key, on ephemeral ports. It can be stopped and started again on the same data directory, as an
 * operator restarting the process would.
 */
public final class ConfiguredServer implements AutoCloseable {

    public static final String ACCOUNT = "AC" + "5e".repeat(16);
    public static final String AUTH_TOKEN = "end-to-end-auth-token-0123456789";
    public static final String KEY = "SK" + "a7".repeat(16);
    public static final String KEY_SECRET = "end-to-end-key-secret-0123456789";

    private final Map<String, String> settings;
    private QuorumServer server;

    private ConfiguredServer(Map<String, String> settings) {
        this.settings = settings;
    }

    /**
     * A server on {@code dataDir}; {@code extra} adds or overrides keys. Failed callbacks are retried
     * quickly (200 ms doubling up to 1 s) so a receiver that comes back is served within a test.
     */
    public static ConfiguredServer start(Path dataDir, Map<String, String> extra) throws Exception {
        Map<String, String> s = new HashMap<>(Map.ofEntries(
                Map.entry("http.port", "0"),
                Map.entry("http.host", "127.0.0.1"),
                Map.entry("http.public-url", "http://127.0.0.1:0"),
                Map.entry("media.port", "0"),
                Map.entry("media.announced-addresses", "127.0.0.1"),
                Map.entry("data.dir", dataDir.toString()),
                Map.entry("dev-mode", "false"),
                Map.entry("accounts", "main"),
                Map.entry("accounts.main.sid", ACCOUNT),
                Map.entry("accounts.main.auth-token", AUTH_TOKEN),
                Map.entry("api-keys", "web"),
                Map.entry("api-keys.web.sid", KEY),
                Map.entry("api-keys.web.secret", KEY_SECRET),
                Map.entry("api-keys.web.account", "main"),
                Map.entry("callbacks.initial-backoff", "200ms"),
                Map.entry("callbacks.max-backoff", "1s"),
                Map.entry("callbacks.poll-interval", "100ms"),
                // Outside dev mode callbacks go to public addresses only; the test receivers are local.
                Map.entry("callbacks.allowed-networks", "127.0.0.0/8")));
        s.putAll(extra);
        ConfiguredServer t = new ConfiguredServer(s);
        t.startServer();
        return t;
    }

    private void startServer() throws Exception {
        ConfigSource source = ConfigSource.of(settings);
        QuorumServer s = new QuorumServer(ServerConfig.from(source), source);
        try {
            s.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        server = s;
    }

    /** Stops the server (rooms end, callbacks stay queued) and starts it again on the same data. */
    public void restart() throws Exception {
        server.close();
        startServer();
    }

    public QuorumServer server() {
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    /**
     * twilio-java as a customer uses it, with its own Apache transport, every connection routed to
     * this server (spec §7.3); authenticated with the API key, acting for the account.
     */
    public TwilioRestClient sdk() {
        int port = server.httpPort();
        HttpRoutePlanner toLocal = (target, ctx) -> new HttpRoute(new HttpHost("http", "127.0.0.1", port));
        return new TwilioRestClient.Builder(KEY, KEY_SECRET)
                .accountSid(ACCOUNT)
                .httpClient(new NetworkHttpClient(HttpClientBuilder.create().setRoutePlanner(toLocal)))
                .build();
    }

    /** An access token for {@code identity} limited to {@code room}, made by the SDK's own helper. */
    public static String token(String identity, String room) {
        return new AccessToken.Builder(ACCOUNT, KEY, KEY_SECRET.getBytes(StandardCharsets.UTF_8))
                .identity(identity)
                .grant(new VideoGrant().setRoom(room))
                .build()
                .toJwt();
    }

    /** A GET the SDK does not model (media links, the delivery log), sent through the SDK's transport. */
    public static Response get(TwilioRestClient client, String path) {
        String[] parts = path.split("\\?", 2);
        Request r = new Request(HttpMethod.GET, Domains.VIDEO.toString(), parts[0]);
        if (parts.length == 2) {
            for (String kv : parts[1].split("&")) {
                String[] p = kv.split("=", 2);
                r.addQueryParam(p[0], p[1]);
            }
        }
        return client.request(r);
    }

    /** The body of a GET answered with a JSON object. */
    public static JsonObject getJson(TwilioRestClient client, String path) {
        Response r = get(client, path);
        if (r.getStatusCode() >= 400) {
            throw new AssertionError("GET " + path + " answered " + r.getStatusCode() + ": " + r.getContent());
        }
        return new JsonObject(r.getContent());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
