package dev.quorum.server.recording;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VideoGrant;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.server.QuorumServer;
import dev.quorum.server.api.RestClient;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.storage.account.AccountStore;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The whole server as {@code bin/quorum} runs it (development mode, SQLite, the media port, rooms
 * engine, recorder, REST API, signaling) on ephemeral ports and a temporary data directory, with
 * one Chromium whose tabs are the participants, and an application's callback endpoint.
 */
final class RecordingServer implements AutoCloseable {

    final Path data;
    final QuorumServer server;
    final RestClient rest;
    static final String CALLBACKS = "/events";

    final CallbackReceiver callbacks;
    final Chromium chromium;
    private final AccountStore.DevelopmentCredentials dev;
    private final String firstTab;

    RecordingServer(Path data) throws Exception {
        this(data, Map.of());
    }

    /** @param extra configuration keys added to (or overriding) the development defaults */
    RecordingServer(Path data, Map<String, String> extra) throws Exception {
        this.data = data;
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "http.port",
                "0",
                "http.host",
                "127.0.0.1",
                "media.port",
                "0",
                "media.announced-addresses",
                "127.0.0.1",
                "data.dir",
                data.toString(),
                "dev-mode",
                "true"));
        settings.putAll(extra);
        ConfigSource source = ConfigSource.of(settings);
        server = new QuorumServer(ServerConfig.from(source), source);
        server.start();
        dev = server.developmentCredentials().orElseThrow();
        rest = new RestClient(base(), dev.account().sid(), dev.account().authToken());
        callbacks = CallbackReceiver.start();
        chromium = Chromium.start();
        firstTab = chromium.driver().getWindowHandle();
    }

    String base() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    /** Creates a room through the REST API with the callback endpoint; {@code params} as form pairs. */
    JsonObject createRoom(String... params) {
        String[] form = new String[params.length + 2];
        form[0] = "StatusCallback";
        form[1] = callbacks.url(CALLBACKS);
        System.arraycopy(params, 0, form, 2, params.length);
        return rest.post("/v1/Rooms", 201, form);
    }

    Publisher join(String room, String identity) {
        return Publisher.join(chromium, base() + "/", token(room, identity), room, identity);
    }

    /** Joins after running {@code setup} in the page, with these {@code connect()} options. */
    Publisher join(String room, String identity, String setup, Map<String, Object> options) {
        return Publisher.join(chromium, base() + "/", token(room, identity), room, identity, setup, options);
    }

    String token(String room, String identity) {
        return new AccessToken.Builder(
                        dev.account().sid(),
                        dev.apiKey().sid(),
                        dev.apiKey().secret().getBytes(StandardCharsets.UTF_8))
                .identity(identity)
                .grant(new VideoGrant().setRoom(room))
                .build()
                .toJwt();
    }

    /** Polls the room's recordings until {@code done} holds; fails after {@code timeout} with what was seen. */
    List<JsonObject> awaitRecordings(String roomSid, String what, Duration timeout, Predicate<List<JsonObject>> done)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        List<JsonObject> last = rest.recordings(roomSid);
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; recordings: " + last);
            }
            Thread.sleep(200);
            last = rest.recordings(roomSid);
        }
        return last;
    }

    /** Closes every tab but the first, which stays open so the next test can open tabs from it. */
    void closeTabs() {
        for (String h : chromium.driver().getWindowHandles()) {
            if (!h.equals(firstTab)) {
                chromium.driver().switchTo().window(h).close();
            }
        }
        chromium.driver().switchTo().window(firstTab);
    }

    @Override
    public void close() {
        chromium.close();
        callbacks.close();
        server.close();
    }
}
