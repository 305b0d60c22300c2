package dev.quorum.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.server.QuorumServer;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP port as an operator exposes it: half-sent requests are closed after the idle timeout,
 * HTTP/2 over cleartext is off unless configured, and {@code /metrics} can require a bearer token
 * or move to a port of its own.
 */
@Tag("slow")
class HttpPortTest {

    private static final String METRICS_TOKEN = "scrape-token-0123456789";
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path data;

    private QuorumServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private QuorumServer start(Map<String, String> extra) throws Exception {
        Map<String, String> values = new HashMap<>(Map.of(
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
                "composer.workers",
                "0"));
        values.putAll(extra);
        ConfigSource source = ConfigSource.of(values);
        server = new QuorumServer(ServerConfig.from(source), source);
        server.start();
        return server;
    }

    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestLeftHalfSentIsClosedOnceTheConnectionIsIdle() throws Exception {
        start(Map.of("http.idle-timeout", "15s"));
        try (Socket s = new Socket("127.0.0.1", server.httpPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write("GET /health HTTP/1.1\r\nHost: test\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            boolean closed;
            try {
                closed = s.getInputStream().read() < 0;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            assertThat(closed).as("closed by the server").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(10));
        }
        assertThat(get(server.httpPort(), "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void http2OverCleartextIsOffUnlessConfigured() throws Exception {
        start(Map.of());
        assertThat(upgradeToH2c(server.httpPort())).startsWith("HTTP/1.1 200");
        server.close();
        start(Map.of("http.h2c", "true"));
        assertThat(upgradeToH2c(server.httpPort())).startsWith("HTTP/1.1 101");
    }

    @Test
    void metricsRequireTheBearerTokenWhenOneIsSet() throws Exception {
        start(Map.of("metrics.token", METRICS_TOKEN));
        HttpResponse<String> refused = get(server.httpPort(), "/metrics");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"metrics\"");
        assertThat(new JsonObject(refused.body()).getInteger("code")).isEqualTo(20003);
        assertThat(get(server.httpPort(), "/metrics", "Authorization", "Bearer wrong-token-0123456789")
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> scraped = get(server.httpPort(), "/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("quorum_sfu_rooms");
    }

    @Test
    void metricsCanHaveAPortOfTheirOwn() throws Exception {
        start(Map.of("metrics.port", "0"));
        assertThat(server.metricsPort()).isPositive().isNotEqualTo(server.httpPort());
        HttpResponse<String> onApiPort = get(server.httpPort(), "/metrics");
        assertThat(onApiPort.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(onApiPort.body()).getInteger("code")).isEqualTo(20404);
        assertThat(get(server.metricsPort(), "/metrics").body()).contains("quorum_sfu_rooms");
    }

    @Test
    void requestsVertxCannotParseGetTheErrorBodyToo() throws Exception {
        start(Map.of());
        String longTarget = "/" + "a".repeat(10_000);
        Map<String, Integer> cases = Map.of(
                "GARBAGE\r\n\r\n",
                400,
                "GET " + longTarget + " HTTP/1.1\r\nHost: test\r\n\r\n",
                414,
                "GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n",
                431);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            String response = exchange(server.httpPort(), c.getKey());
            assertThat(response).as(response).contains(" " + c.getValue() + " ").contains("application/json");
            JsonObject body = new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(body.getInteger("status")).isEqualTo(c.getValue());
            assertThat(body.getInteger("code")).isEqualTo(20001);
        }
    }

    /** Sends {@code request} as is and reads until the server closes the connection. */
    private static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The response head to a cleartext upgrade to HTTP/2 (RFC 7540 §3.2). */
    private static String upgradeToH2c(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write(("GET /health HTTP/1.1\r\nHost: test\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).contains("\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }
}
