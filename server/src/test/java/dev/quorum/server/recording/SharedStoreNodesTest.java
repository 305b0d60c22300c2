package dev.quorum.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VideoGrant;
import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.server.api.RestClient;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.storage.testing.S3Server;
import dev.quorum.storage.testing.StoreFixture;
import dev.quorum.storage.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes sharing one PostgreSQL database and one S3 bucket (S3Proxy): node A hosts
 * rooms and the REST API but composes nothing; node B has every role. A room recorded on A is
 * composed by B's composer from the shared bucket; a join for A's room that reaches B is refused
 * naming A and its address, and the SDK sent to B follows it into A's room; both REST APIs list
 * the same rooms and recordings. A room B hosts is composed live on B.
 */
@RunsAlone
@Tag("slow")
class SharedStoreNodesTest {

    @TempDir
    Path dir;

    StoreFixture database;
    S3Server s3;
    ServerProcess a;
    ServerProcess b;
    Chromium chromium;

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        for (ServerProcess p : new ServerProcess[] {a, b}) {
            if (p != null) {
                p.close();
            }
        }
        if (s3 != null) {
            s3.close();
        }
        if (database != null) {
            database.close();
        }
    }

    Map<String, String> node(String id, String roles) {
        return Map.of(
                "database.url",
                database.config().databaseUrl(),
                "recorder.instance-id",
                id,
                "node.roles",
                roles,
                "storage.s3.url",
                s3.url("shared", "quorum"),
                "storage.s3.access-key-id",
                S3Server.ACCESS_KEY,
                "storage.s3.secret-access-key",
                S3Server.SECRET,
                "media.consent-timeout",
                "6s",
                "uploads.min-backoff",
                "1s",
                "storage.secrets-key",
                "q2Zr4yE0c1m9mXbY2b3o8l6m6cXk8VtqK0m7eQ3o1uE=");
    }

    @Test
    void aRoomRecordedOnOneNodeIsComposedByTheOtherAndJoinsGoToItsHost() throws Exception {
        database = StoreFixture.open(TestDatabase.POSTGRESQL, dir.resolve("db"), Clock.systemUTC());
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket("shared");
        a = ServerProcess.start(
                dir.resolve("a"), Path.of("target", "shared-store-node-a.log"), node("node-a", "media,api"));
        b = ServerProcess.start(
                dir.resolve("b"), Path.of("target", "shared-store-node-b.log"), node("node-b", "media,composer,api"));
        assertThat(b.accountSid).isEqualTo(a.accountSid);
        RestClient restA = new RestClient(a.base(), a.accountSid, a.authToken);
        RestClient restB = new RestClient(b.base(), b.accountSid, b.authToken);

        String roomSid = restA.post(
                        "/v1/Rooms",
                        201,
                        "UniqueName",
                        "shared-room",
                        "RecordParticipantsOnConnect",
                        "true",
                        "VideoCodecs",
                        "VP8")
                .getString("sid");
        assertThat(restB.get("/v1/Rooms/" + roomSid).getString("status")).isEqualTo("in-progress");

        // A join for A's room that reaches B is refused, naming the server that hosts it.
        JsonObject refused = joinOverWebSocket(b, "shared-room", "mallory");
        assertThat(refused.getInteger("code")).isEqualTo(53104);
        assertThat(refused.getString("message")).contains("hosted by server 'node-a' at http://localhost:" + a.port);
        assertThat(refused.getString("location")).isEqualTo("http://localhost:" + a.port);

        // The SDK loaded from B and sent to B follows that location: the join reaches A's room.
        chromium = Chromium.start();
        Publisher alice =
                Publisher.join(chromium, b.base() + "/", token(a, "shared-room", "alice"), "shared-room", "alice");
        assertThat(alice.tab.run("return room.sid")).isEqualTo(roomSid);
        assertThat(restA.get("/v1/Rooms/" + roomSid + "/Participants").encode()).contains("\"identity\":\"alice\"");
        await(restA, roomSid, "two recordings", l -> l.size() == 2);
        Thread.sleep(3000);
        alice.leave();
        restA.post("/v1/Rooms/" + roomSid, 202, "Status", "completed");
        List<JsonObject> recordings = await(
                restB,
                roomSid,
                "recordings completed (in the shared bucket)",
                l -> l.size() == 2
                        && l.stream().allMatch(r -> r.getString("status").equals("completed")));
        for (JsonObject r : recordings) {
            assertThat(s3.keys("shared"))
                    .anyMatch(k -> k.endsWith(r.getString("sid") + "." + r.getString("container_format")));
            assertThat(localFiles(dir.resolve("a"), r.getString("sid"))).isEmpty();
        }
        assertThat(ids(restA.get("/v1/Recordings?GroupingSid=" + roomSid)
                        .getJsonArray("recordings")
                        .getList()))
                .isEqualTo(ids(restB.get("/v1/Recordings?GroupingSid=" + roomSid)
                        .getJsonArray("recordings")
                        .getList()));
        assertThat(restA.get("/v1/Rooms?Status=completed").encode()).contains(roomSid);
        assertThat(restB.get("/v1/Rooms?Status=completed").encode()).contains(roomSid);

        // Created on A, which composes nothing: B's composer takes it, reading the shared bucket.
        String cj = composition(restA, roomSid);
        JsonObject done = awaitComposition(restA, cj);
        assertThat(done.getString("status")).as(done.encode()).isEqualTo("completed");
        assertThat(s3.keys("shared")).contains("quorum/compositions/" + a.accountSid + "/" + cj + ".webm");
        String link = mediaLink(a, "/v1/Compositions/" + cj + "/Media");
        assertThat(link).startsWith(s3.endpoint() + "/shared/quorum/compositions/");
        Process probe = new ProcessBuilder(
                        "ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", link)
                .redirectErrorStream(true)
                .start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Double.parseDouble(out)).isGreaterThan(2.0);
        assertThat(java.nio.file.Files.readString(Path.of("target", "shared-store-node-b.log")))
                .contains("Composition " + cj + " composed by node-b-composer-");

        liveOnTheHostingNode(restB);
    }

    /**
     * B hosts a room and composes: its live workers compose it while it runs, from the recordings
     * B writes — including, for a composition created mid-room, one already completed and moved
     * to the shared bucket, which is fetched back. Both files are ready a few seconds after the
     * room ends and cover the same room.
     */
    private void liveOnTheHostingNode(RestClient restB) throws Exception {
        String roomSid = restB.post("/v1/Rooms", 201, "UniqueName", "live-room", "RecordParticipantsOnConnect", "true")
                .getString("sid");
        String early = composition(restB, roomSid);
        Publisher alice =
                Publisher.join(chromium, b.base() + "/", token(b, "live-room", "alice"), "live-room", "alice");
        await(restB, roomSid, "alice's recordings", l -> l.size() == 2);
        // Alice alone first: a composition that missed her recordings would start 4 s later.
        Thread.sleep(4000);
        Publisher bob = Publisher.join(chromium, b.base() + "/", token(b, "live-room", "bob"), "live-room", "bob");
        await(restB, roomSid, "four recordings", l -> l.size() == 4);
        Thread.sleep(2000);
        alice.leave();
        List<JsonObject> moved = await(
                restB,
                roomSid,
                "alice's recordings completed",
                l -> l.stream()
                                .filter(r -> r.getString("status").equals("completed"))
                                .count()
                        == 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (JsonObject r : moved) {
            if (!r.getString("status").equals("completed")) {
                continue;
            }
            // The media store's copy; the live composition's link to the file it read stays until it ends.
            while (!localFiles(dir.resolve("b").resolve("media"), r.getString("sid"))
                    .isEmpty()) {
                assertThat(System.nanoTime()).as("moved to the shared bucket").isLessThan(deadline);
                Thread.sleep(250);
            }
        }
        String middle = composition(restB, roomSid);
        Thread.sleep(4000);
        bob.leave();
        restB.post("/v1/Rooms/" + roomSid, 202, "Status", "completed");
        long ended = System.nanoTime();
        JsonObject first = awaitComposition(restB, early);
        long firstMs = (System.nanoTime() - ended) / 1_000_000;
        JsonObject second = awaitComposition(restB, middle);
        long secondMs = (System.nanoTime() - ended) / 1_000_000;
        System.out.printf(
                "shared store, live on the hosting node: room end -> completed %d ms, %d ms (created mid-room)%n",
                firstMs, secondMs);
        assertThat(first.getString("status")).as(first.encode()).isEqualTo("completed");
        assertThat(second.getString("status")).as(second.encode()).isEqualTo("completed");
        String log = java.nio.file.Files.readString(Path.of("target", "shared-store-node-b.log"));
        assertThat(log).contains("Composition " + early + " follows room " + roomSid + " live");
        assertThat(log).contains("Composition " + middle + " follows room " + roomSid + " live");
        assertThat(log)
                .as("every recording read whole, the moved ones from the shared bucket")
                .doesNotContain("Composition " + early + " completed with warnings")
                .doesNotContain("Composition " + middle + " completed with warnings");
        assertThat(firstMs)
                .as("composed live, ready seconds after the room ends")
                .isLessThan(15_000);
        assertThat(first.getInteger("duration")).isGreaterThanOrEqualTo(9);
        assertThat(second.getInteger("duration"))
                .as("the mid-room composition holds the part of the room before it, alice's included")
                .isCloseTo(first.getInteger("duration"), org.assertj.core.data.Offset.offset(1));
        for (String cj : List.of(early, middle)) {
            Path file = dir.resolve(cj + ".webm");
            try (var in = URI.create(mediaLink(b, "/v1/Compositions/" + cj + "/Media"))
                    .toURL()
                    .openStream()) {
                java.nio.file.Files.copy(in, file);
            }
            assertThat(MediaProbe.decodeErrors(file))
                    .as("decode errors of " + cj)
                    .isEmpty();
        }
    }

    private static String composition(RestClient rest, String roomSid) {
        return rest.post(
                        "/v1/Compositions",
                        201,
                        "RoomSid",
                        roomSid,
                        "AudioSources",
                        "*",
                        "VideoLayout",
                        "{\"grid\":{\"video_sources\":[\"*\"]}}",
                        "Format",
                        "webm")
                .getString("sid");
    }

    private static List<Object> ids(List<?> items) {
        return items.stream()
                .map(o -> o instanceof JsonObject j ? j.getString("sid") : ((Map<?, ?>) o).get("sid"))
                .toList();
    }

    private static List<Path> localFiles(Path data, String sid) throws Exception {
        try (Stream<Path> files = java.nio.file.Files.walk(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith(sid)).toList();
        }
    }

    private static String token(ServerProcess s, String room, String identity) {
        return new AccessToken.Builder(s.accountSid, s.keySid, s.keySecret.getBytes(StandardCharsets.UTF_8))
                .identity(identity)
                .grant(new VideoGrant().setRoom(room))
                .build()
                .toJwt();
    }

    private static JsonObject joinOverWebSocket(ServerProcess s, String room, String identity) throws Exception {
        CompletableFuture<JsonObject> first = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + s.port + "/ws"), new WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(new JsonObject(text.toString()));
                        }
                        w.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        ws.sendText(
                new JsonObject()
                        .put("type", "join")
                        .put("token", token(s, room, identity))
                        .put("room", room)
                        .put("sdk", "test/1")
                        .encode(),
                true);
        JsonObject reply = first.get(20, TimeUnit.SECONDS);
        assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("error");
        ws.abort();
        return reply;
    }

    private static List<JsonObject> await(
            RestClient rest, String roomSid, String what, Predicate<List<JsonObject>> done)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonObject> last = rest.recordings(roomSid);
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; recordings: " + last);
            }
            Thread.sleep(250);
            last = rest.recordings(roomSid);
        }
        return last;
    }

    private static JsonObject awaitComposition(RestClient rest, String cj) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonObject c = rest.get("/v1/Compositions/" + cj);
        while (!List.of("completed", "failed").contains(c.getString("status"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the composition did not finish: " + c.encode());
            }
            Thread.sleep(500);
            c = rest.get("/v1/Compositions/" + cj);
        }
        return c;
    }

    private static String mediaLink(ServerProcess s, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(s.base() + path))
                                .header(
                                        "Authorization",
                                        new RestClient(s.base(), s.accountSid, s.authToken).authorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return new JsonObject(r.body()).getString("redirect_to");
    }
}
