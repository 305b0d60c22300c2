package dev.quorum.signaling.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.signaling.protocol.CloseCodes;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.FakeRooms;
import dev.quorum.signaling.testing.TestHttpServer;
import dev.quorum.signaling.token.AccessTokenMinter;
import dev.quorum.signaling.token.AccessTokenVerifier;
import dev.quorum.signaling.token.ApiKeySecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The routes over real HTTP and a real WebSocket client (the JDK's), on a fake engine. */
@Tag("slow")
class SignalingServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** How long a request may wait for its answer: a lost one fails the test, not the build. */
    static final Duration ANSWER = Duration.ofSeconds(30);

    final FakeRooms rooms = new FakeRooms();
    /**
     * HTTP/1.1, as browsers speak over plain HTTP: the JDK client's default first tries an h2c
     * upgrade, which no browser makes, and one such request went unanswered once in a full run.
     */
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestHttpServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .timeout(ANSWER)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .timeout(ANSWER)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSdkAndTheDemoPageAreServed() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, true);
        HttpResponse<String> sdk = get("/sdk/quorum.js");
        assertThat(sdk.statusCode()).isEqualTo(200);
        assertThat(sdk.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(sdk.body()).contains("export async function connect");
        HttpResponse<String> page = get("/");
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("/demo/demo.js");
        assertThat(get("/demo/demo.js").body()).contains("from '/sdk/quorum.js'");
        assertThat(get("/demo/config.json").body()).isEqualTo("{\"devTokens\":true}");
    }

    @Test
    void headOnTheSdkAndTheDemoPageAnswersLikeGetWithoutABody() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, true);
        for (String path : java.util.List.of("/sdk/quorum.js", "/", "/demo/demo.js", "/demo/demo.css")) {
            HttpResponse<String> full = get(path);
            HttpResponse<String> head = http.send(
                    HttpRequest.newBuilder(URI.create(server.url() + path))
                            .timeout(ANSWER)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("Content-Type"))
                    .isEqualTo(full.headers().firstValue("Content-Type"));
            assertThat(head.headers().firstValue("Content-Length"))
                    .contains(Integer.toString(full.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void developmentModeMintsTokensTheVerifierAccepts() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, true);
        HttpResponse<String> r = post("/dev/token", "{\"identity\":\"alice\",\"room\":\"daily\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        String token = JSON.readTree(r.body()).path("token").asText();
        var verified = new AccessTokenVerifier(
                        ApiKeySecrets.inMemory().add(TestHttpServer.KEY), Clock.systemUTC(), Duration.ZERO)
                .verify(token);
        assertThat(verified.identity()).isEqualTo("alice");
        assertThat(verified.room()).isEqualTo("daily");
        assertThat(post("/dev/token", "{\"identity\":\"\",\"room\":\"daily\"}").statusCode())
                .isEqualTo(400);
        assertThat(post("/dev/token", "nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void withoutDevelopmentModeThereIsNoTokenEndpoint() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, false);
        assertThat(post("/dev/token", "{\"identity\":\"alice\",\"room\":\"daily\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/demo/config.json").body()).isEqualTo("{\"devTokens\":false}");
    }

    @Test
    void aClientJoinsOverTheWebSocketAndAFloodClosesItWith4429() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, false);
        Client c = Client.open(http, server.url());
        String token =
                new AccessTokenMinter(TestHttpServer.KEY, Clock.systemUTC()).mint("alice", null, Duration.ofHours(1));
        c.send("{\"type\":\"join\",\"token\":\"" + token + "\",\"room\":\"daily\"}");
        assertThat(c.await("joined").path("participant").path("identity").asText())
                .isEqualTo("alice");
        for (int i = 0; i < 400 && !c.closed.isDone(); i++) {
            try {
                c.send("{\"type\":\"ping\"}");
            } catch (java.util.concurrent.ExecutionException closedMeanwhile) {
                break; // the server closed the socket while the flood was still going out
            }
        }
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo((int) CloseCodes.RATE_LIMITED);
        assertThat(c.await("error").path("code").asInt()).isEqualTo(53008);
        assertThat(server.registry
                        .find("quorum.signaling.errors")
                        .tag("code", "53008")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anOversizedMessageClosesWith4413() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, false);
        Client c = Client.open(http, server.url());
        c.send("{\"type\":\"ping\",\"x\":\"" + "y".repeat(300 * 1024) + "\"}");
        assertThat(c.closed.get(20, TimeUnit.SECONDS)).isEqualTo((int) CloseCodes.MESSAGE_TOO_LARGE);
        assertThat(c.await("error").path("code").asInt()).isEqualTo(53007);
    }

    @Test
    void aMessageOverTheWebSocketLimitClosesWith1009() throws Exception {
        // Sending 5 MiB can take longer than the join timeout on a busy machine; that close (4408) is not the one
        // under test.
        SignalingConfig d = SignalingConfig.DEFAULTS;
        server = new TestHttpServer(
                rooms,
                new SignalingConfig(
                        d.maxMessageBytes(),
                        d.messagesPerSecond(),
                        d.burst(),
                        Duration.ofMinutes(2),
                        d.resumeWindow(),
                        d.tokenLeeway(),
                        d.maxBufferedMessages()),
                false);
        String huge = "{\"type\":\"ping\",\"x\":\"" + "y".repeat(5 * 1024 * 1024) + "\"}";
        Client whole = Client.open(http, server.url());
        try {
            whole.send(huge);
        } catch (java.util.concurrent.ExecutionException closedMeanwhile) {
            // the server may close before the whole message is out
        }
        assertThat(whole.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1009);

        Client fragmented = Client.open(http, server.url());
        try {
            int half = huge.length() / 2;
            fragmented.socket.sendText(huge.substring(0, half), false).get(10, TimeUnit.SECONDS);
            fragmented.socket.sendText(huge.substring(half), true).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException closedMeanwhile) {
            // as above
        }
        assertThat(fragmented.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1009);

        // The JDK client sends small frames; one frame over the limit is refused by the frame decoder.
        assertThat(closeCodeAfterOneFrame(huge.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(1009);
    }

    /**
     * Sends {@code payload} as one masked text frame on a hand-made WebSocket and returns the code
     * of the close frame the server answers with (read even if the server stopped reading first).
     */
    private int closeCodeAfterOneFrame(byte[] payload) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            var out = s.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            var in = new java.io.DataInputStream(s.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            byte[] mask = {1, 2, 3, 4};
            var frame = new java.io.ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(0x80 | 127);
            frame.write(java.nio.ByteBuffer.allocate(8).putLong(payload.length).array());
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            try {
                out.write(frame.toByteArray());
            } catch (java.io.IOException refusedMidway) {
                // the server closed before reading it all; its close frame is already on the way
            }
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0f;
                int length = in.readUnsignedByte() & 0x7f;
                byte[] body = in.readNBytes(length == 126 ? in.readUnsignedShort() : length);
                if (opcode == 0x8) {
                    return ((body[0] & 0xff) << 8) | (body[1] & 0xff);
                }
            }
        }
    }

    /** A JDK WebSocket client collecting messages. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        final BlockingQueue<JsonNode> arrivals = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client open(HttpClient http, String base) throws Exception {
            Client c = new Client();
            c.socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(base.replace("http", "ws") + "/ws"), c)
                    .get(10, TimeUnit.SECONDS);
            return c;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        /** The first message of a type, waiting up to ten seconds for it. */
        JsonNode await(String type) throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int seen = 0;
            while (true) {
                for (; seen < received.size(); seen++) {
                    if (received.get(seen).path("type").asText().equals(type)) {
                        return received.get(seen);
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0 || arrivals.poll(left, TimeUnit.NANOSECONDS) == null) {
                    throw new AssertionError("no " + type + " among " + received);
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(partial.toString());
                    received.add(m);
                    arrivals.add(m);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }
}
