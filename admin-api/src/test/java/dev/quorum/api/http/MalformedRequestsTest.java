package dev.quorum.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.api.testing.Await;
import dev.quorum.api.testing.LogCapture;
import dev.quorum.api.testing.RawHttp;
import dev.quorum.api.testing.TestClient;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Requests a hostile or broken client sends get a 4xx with the API's JSON error body — never a
 * 500, an empty body, Vert.x's own page or a 200 — and nothing is logged as an error.
 */
@Tag("slow")
class MalformedRequestsTest extends ApiTestBase {

    private static final String AUTH = "Authorization: Basic "
            + Base64.getEncoder()
                    .encodeToString((ApiServer.ACCOUNT + ":" + ApiServer.TOKEN).getBytes(StandardCharsets.UTF_8))
            + "\r\n";

    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = new LogCapture();
    }

    @AfterEach
    void nothingLoggedAsAnError() {
        try {
            assertThat(logs.errors()).isEmpty();
        } finally {
            logs.close();
        }
    }

    private RawHttp.Response raw(String requestLineAndHeaders, String body) {
        return RawHttp.exchange(
                server.port(), requestLineAndHeaders + "Host: test\r\nConnection: close\r\n\r\n" + body);
    }

    private static JsonObject assertJsonError(RawHttp.Response r, int status, int code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/json");
        JsonObject e = r.json();
        assertThat(e.getInteger("code")).as(r.toString()).isEqualTo(code);
        assertThat(e.getInteger("status")).isEqualTo(status);
        assertThat(e.getString("message")).isNotBlank();
        assertThat(e.getString("more_info")).isEqualTo("https://www.twilio.com/docs/errors/" + code);
        return e;
    }

    @Test
    void theMediaPathWithoutAKeyIsNotFound() {
        assertError(server.client(null, null).get("/media"), 404, 20404);
        assertError(server.client(null, null).method("PUT", "/media/x"), 405, 20004);
    }

    @Test
    void aFormOrMultipartContentTypeOnAMethodWithoutBodyIsHarmless() {
        for (String type : new String[] {"multipart/form-data; boundary=x", "application/x-www-form-urlencoded"}) {
            assertJsonError(
                    raw("GET /v1/Rooms HTTP/1.1\r\nContent-Type: " + type + "\r\nContent-Length: 3\r\n", "a=b"),
                    401,
                    20003);
            RawHttp.Response ok = raw(
                    "GET /v1/Rooms HTTP/1.1\r\n" + AUTH + "Content-Type: " + type + "\r\nContent-Length: 3\r\n", "a=b");
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertJsonError(
                    raw(
                            "DELETE /v1/Rooms/RM" + "0".repeat(32) + " HTTP/1.1\r\nContent-Type: " + type
                                    + "\r\nContent-Length: 3\r\n",
                            "a=b"),
                    405,
                    20004);
        }
    }

    @Test
    void datesBeyondWhatTheStoreKeepsAreRefusedNamingTheFilter() {
        for (String path : new String[] {"/v1/Rooms", "/v1/Recordings", "/v1/Compositions", "/v1/CompositionHooks"}) {
            JsonObject e = assertError(api.get(path + "?DateCreatedAfter=%2B999999999-12-31"), 400, 20001);
            assertThat(e.getString("message")).startsWith("DateCreatedAfter").contains("out of range");
            assertError(api.get(path + "?DateCreatedBefore=-999999999-01-01T00:00:00Z"), 400, 20001);
        }
        assertThat(api.get("/v1/Rooms?DateCreatedAfter=9999-12-31").status()).isEqualTo(200);
    }

    @Test
    void brokenEscapesInTheQueryOrThePathAreBadRequests() {
        JsonObject e = assertJsonError(raw("GET /v1/Rooms?% HTTP/1.1\r\n" + AUTH, ""), 400, 20001);
        assertThat(e.getString("message")).contains("query string is malformed");
        assertJsonError(raw("GET /v1/Rooms?Status=%zz HTTP/1.1\r\n" + AUTH, ""), 400, 20001);
        assertJsonError(raw("GET /v1/Rooms/%zz HTTP/1.1\r\n" + AUTH, ""), 400, 20001);
        assertJsonError(raw("GET /media/%zz?Expires=1 HTTP/1.1\r\n", ""), 400, 20001);
    }

    @Test
    void whatNoRouteServesAnswersWithTheErrorBody() {
        assertJsonError(raw("GET * HTTP/1.1\r\n", ""), 404, 20404);
        assertJsonError(raw("OPTIONS * HTTP/1.1\r\n", ""), 404, 20404);
        assertJsonError(raw("GET /nothing/here HTTP/1.1\r\n", ""), 404, 20404);
        assertJsonError(raw("BREW /v1/Rooms HTTP/1.1\r\n" + AUTH, ""), 405, 20004);
        assertJsonError(
                raw(
                        "POST /v1/Rooms HTTP/1.1\r\n" + AUTH + "Expect: the-impossible\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n",
                        "a=b"),
                417,
                20001);
        assertJsonError(
                raw(
                        "POST /v1/Rooms HTTP/1.1\r\n" + AUTH + "Content-Type: application/x-www-form-urlencoded\r\n"
                                + "Content-Length: " + (2 << 20) + "\r\n",
                        "a=" + "b".repeat(2 << 20)),
                413,
                20001);
    }

    @Test
    void aMalformedChunkedBodyIsABadRequestNotOk() {
        RawHttp.Response r = raw(
                "POST /v1/Rooms HTTP/1.1\r\n" + AUTH + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Transfer-Encoding: chunked\r\n",
                "zz\r\nUniqueName=a\r\n0\r\n\r\n");
        assertJsonError(r, 400, 20001);
        assertThat(api.get("/v1/Rooms").json().getJsonArray("rooms")).isEmpty();
    }

    @Test
    void aClientLeavingMidBodyIsNotAnError() throws Exception {
        long before = requests("POST");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/Rooms HTTP/1.1\r\nHost: test\r\n" + AUTH
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nUniqueName=")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        Await.until("the server saw the request end", () -> requests("POST") > before);
        assertThat(api.get("/v1/Rooms").json().getJsonArray("rooms")).isEmpty();
    }

    private long requests(String method) {
        return server.metrics().find("quorum.api.requests").tag("method", method).timers().stream()
                .mapToLong(t -> t.count())
                .sum();
    }

    @Test
    void theErrorBodyOfTheDocumentsStaysAsItWas() {
        TestClient anonymous = server.client(null, null);
        assertError(anonymous.get("/v1/Rooms"), 401, 20003);
        assertError(api.get("/v1/Nothing"), 404, 20404);
    }
}
