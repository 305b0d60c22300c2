package dev.quorum.server.archive;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A client of the signaling WebSocket that joins with a token and publishes nothing: a connected
 * client of a session, as far as archives are concerned.
 */
final class SignalingClient implements AutoCloseable {

    private final WebSocket socket;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<JsonObject> answer = new CompletableFuture<>();

    private SignalingClient(String baseUrl) throws Exception {
        StringBuilder partial = new StringBuilder();
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonObject m = new JsonObject(partial.toString());
                            partial.setLength(0);
                            received.add(m);
                            if (m.getString("type").equals("joined")
                                    || m.getString("type").equals("error")) {
                                answer.complete(m);
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
    }

    /** Joins with {@code token}; returns {@code joined}, or fails with the server's {@code error}. */
    static SignalingClient join(String baseUrl, String token) throws Exception {
        SignalingClient c = new SignalingClient(baseUrl);
        c.socket.sendText(
                new JsonObject().put("type", "join").put("token", token).encode(), true);
        JsonObject m = c.answer.get(20, TimeUnit.SECONDS);
        if (!m.getString("type").equals("joined")) {
            c.close();
            throw new AssertionError("join refused: " + m);
        }
        return c;
    }

    /** The first message of {@code type} (answer to the join), waiting up to {@code timeout}. */
    JsonObject joined() {
        return received.stream()
                .filter(m -> m.getString("type").equals("joined"))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        socket.sendText(new JsonObject().put("type", "leave").encode(), true);
        socket.abort();
    }

    static final Duration WAIT = Duration.ofSeconds(20);
}
