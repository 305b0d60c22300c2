package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.Await;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The status machine, its timers, automatic archives, expiry, and the callbacks of each change. */
@Tag("slow")
class ArchiveLifecycleTest extends ArchiveTestBase {

    private record Publisher(ParticipantInfo participant, TrackInfo mic, TrackInfo cam) {}

    private Publisher publisher(String session, String identity) {
        ParticipantInfo p = join(session, identity);
        TrackInfo mic = server.rooms().publish(p.sid(), "microphone", TrackKind.AUDIO);
        TrackInfo cam = server.rooms().publish(p.sid(), "camera", TrackKind.VIDEO);
        server.awaitEvents();
        return new Publisher(p, mic, cam);
    }

    private void unpublish(Publisher p) {
        server.rooms().unpublish(p.mic().sid());
        server.rooms().unpublish(p.cam().sid());
        server.awaitEvents();
    }

    private String startArchive(String session) {
        return start(opentok, new JsonObject().put("sessionId", session)).getString("id");
    }

    private void advance(Duration d) {
        clock.advance(d);
    }

    @Test
    void pausedWhileNobodyPublishesThenStartedAgainWithCallbacksInOrder() {
        String s = session(opentok);
        Publisher alice = publisher(s, "alice");
        String id = startArchive(s);
        unpublish(alice);
        awaitStatus(opentok, id, "paused");
        Publisher again = new Publisher(
                alice.participant(),
                server.rooms().publish(alice.participant().sid(), "microphone", TrackKind.AUDIO),
                null);
        server.awaitEvents();
        JsonObject resumed = awaitStatus(opentok, id, "started");
        assertThat(resumed.getJsonArray("streams")).hasSize(1);
        opentok.post("/archive/" + id + "/stop", null);
        awaitStatus(opentok, id, "available");
        List<JsonCallbackReceiver.Received> got =
                callbacks.await(5, r -> id.equals(r.body().getString("id")));
        assertThat(got)
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "paused", "started", "stopped", "available");
        JsonObject first = got.get(0).body();
        assertThat(first.getString("event")).isEqualTo("archive");
        assertThat(first.getLong("partnerId")).isEqualTo(123456L);
        assertThat(first.getString("sessionId")).isEqualTo(s);
        assertThat(first.getString("resolution")).isEqualTo("640x480");
        assertThat(first.getLong("createdAt") % 1000)
                .as("rounded to the second")
                .isZero();
        assertThat(first.getInteger("duration")).isZero();
        assertThat(first.getValue("url")).isNull();
        assertThat(got.get(2).body().getJsonArray("streams"))
                .as("the streams recorded again")
                .hasSize(1);
        assertThat(got.get(3).body().getString("reason")).isEqualTo("user initiated");
        assertThat(got.get(0).contentType()).startsWith("application/json");
        assertSigned(got.get(3));
        assertThat(again).isNotNull();
    }

    /** {@code Bearer} HS256 over the project's callback secret, with the body's SHA-256. */
    private static void assertSigned(JsonCallbackReceiver.Received r) {
        assertThat(r.authorization()).startsWith("Bearer ");
        String jwt = r.authorization().substring(7);
        String[] parts = jwt.split("\\.");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(claims.getString("payload_hash")).isEqualTo(ArchiveCallbacks.sha256Hex(r.raw()));
        assertThat(claims.getString("api_key")).isEqualTo(API_KEY);
        assertThat(jwt).isEqualTo(ArchiveCallbacks.hs256(claims, CALLBACK_SECRET));
    }

    @Test
    void anArchiveWithNoStreamWithinAMinuteStops() {
        String s = session(opentok);
        join(s, "watcher");
        String id = startArchive(s);
        advance(Duration.ofSeconds(59));
        server.awaitEvents();
        assertThat(get(opentok, id).getString("status")).isEqualTo("started");
        advance(Duration.ofSeconds(2));
        assertThat(awaitStatus(opentok, id, "available").getString("reason")).isEqualTo("maximum idle time exceeded");
    }

    @Test
    void anArchivePausedForAnHourStops() {
        String s = session(opentok);
        Publisher alice = publisher(s, "alice");
        String id = startArchive(s);
        unpublish(alice);
        awaitStatus(opentok, id, "paused");
        advance(Duration.ofMinutes(59));
        assertThat(get(opentok, id).getString("status")).isEqualTo("paused");
        advance(Duration.ofMinutes(1));
        assertThat(awaitStatus(opentok, id, "available").getString("reason")).isEqualTo("maximum idle time exceeded");
    }

    @Test
    void fourHoursRecordedStopsIt() {
        String s = session(opentok);
        publisher(s, "alice");
        String id = startArchive(s);
        advance(Duration.ofHours(4).minusSeconds(1));
        assertThat(get(opentok, id).getString("status")).isEqualTo("started");
        advance(Duration.ofSeconds(1));
        JsonObject a = awaitStatus(opentok, id, "available");
        assertThat(a.getString("reason")).isEqualTo("maximum duration exceeded");
        assertThat(a.getLong("duration")).isEqualTo(4 * 3600L);
    }

    @Test
    void twelveHoursWithPausesStopsIt() {
        String s = session(opentok);
        Publisher p = publisher(s, "alice");
        String id = startArchive(s);
        for (int i = 0; i < 12; i++) {
            advance(Duration.ofMinutes(10));
            unpublish(p);
            awaitStatus(opentok, id, "paused");
            advance(Duration.ofMinutes(50));
            if (i < 11) {
                p = publisher(s, "alice-" + i);
                awaitStatus(opentok, id, "started");
            }
        }
        assertThat(awaitStatus(opentok, id, "available").getString("reason")).isEqualTo("maximum duration exceeded");
    }

    @Test
    void anArchiveStopsAMinuteAfterTheLastClientLeft() {
        String s = session(opentok);
        Publisher alice = publisher(s, "alice");
        String id = startArchive(s);
        server.rooms().leave(alice.participant().sid());
        server.awaitEvents();
        awaitStatus(opentok, id, "paused");
        advance(Duration.ofSeconds(60));
        assertThat(awaitStatus(opentok, id, "available").getString("reason")).isEqualTo("session ended");
    }

    @Test
    void anArchiveStopsWithItsRoom() throws Exception {
        String s = session(opentok);
        publisher(s, "alice");
        String id = startArchive(s);
        server.rooms().completeRoom(ApiServer.ACCOUNT, room(s).sid());
        assertThat(awaitStatus(opentok, id, "available").getString("reason")).isEqualTo("session ended");
    }

    @Test
    void anAutomaticArchiveStartsWithTheFirstClientAndRollsOverAfterFourHours() {
        String s = session(opentok, "archiveMode=always&archiveName=auto&archiveResolution=1280x720");
        Publisher alice = publisher(s, "alice");
        Await.until(
                "an automatic archive",
                () -> opentok.get("/archive?sessionId=" + s).json().getInteger("count") == 1);
        JsonObject auto = opentok.get("/archive?sessionId=" + s)
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        String first = auto.getString("id");
        assertThat(auto.getString("name")).isEqualTo("auto");
        assertThat(auto.getString("resolution")).isEqualTo("1280x720");
        assertThat(auto.getString("outputMode")).isEqualTo("composed");
        assertThat(opentok.post("/archive/" + first + "/stop", null).toString())
                .startsWith("409")
                .contains("automatic");
        assertThat(opentok.post("/archive", new JsonObject().put("sessionId", s))
                        .toString())
                .as("a manual archive beside it needs a tag")
                .startsWith("409");
        start(opentok, new JsonObject().put("sessionId", s).put("multiArchiveTag", "extra"));
        advance(Duration.ofHours(4).minusSeconds(2));
        Await.until(
                "the next automatic archive",
                () -> opentok.get("/archive?sessionId=" + s).json().getInteger("count") == 3);
        assertThat(get(opentok, first).getString("status")).as("overlapping").isEqualTo("started");
        advance(Duration.ofSeconds(2));
        assertThat(awaitStatus(opentok, first, "available").getString("reason")).isEqualTo("maximum duration exceeded");
        JsonObject next = opentok.get("/archive?sessionId=" + s + "&count=1")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(next.getString("status")).isEqualTo("started");
        assertThat(next.getString("id")).isNotEqualTo(first);
        assertThat(alice).isNotNull();
    }

    @Test
    void anAutomaticArchiveWaitsForItsFirstStreamAsLongAsForAnyAndAnotherStartsWithTheNextStream() {
        String s = session(opentok, "archiveMode=always");
        ParticipantInfo watcher = join(s, "watcher");
        Await.until(
                "an automatic archive",
                () -> opentok.get("/archive?sessionId=" + s).json().getInteger("count") == 1);
        String first = opentok.get("/archive?sessionId=" + s)
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        // A manual archive with nobody publishing: once it stopped, the timers have seen the new time.
        String other = session(opentok);
        join(other, "viewer");
        String witness = startArchive(other);
        advance(Duration.ofMinutes(59));
        assertThat(awaitStatus(opentok, witness, "available").getString("reason"))
                .isEqualTo("maximum idle time exceeded");
        assertThat(get(opentok, first).getString("status"))
                .as("no 60-second limit for an automatic archive")
                .isEqualTo("started");
        advance(Duration.ofMinutes(1));
        assertThat(awaitStatus(opentok, first, "available").getString("reason"))
                .isEqualTo("maximum idle time exceeded");
        server.rooms().publish(watcher.sid(), "camera", TrackKind.VIDEO);
        server.awaitEvents();
        Await.until(
                "the next automatic archive",
                () -> opentok.get("/archive?sessionId=" + s).json().getInteger("count") == 2);
        JsonObject next = opentok.get("/archive?sessionId=" + s + "&count=1")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(next.getString("status")).isEqualTo("started");
        assertThat(next.getJsonArray("streams")).hasSize(1);
    }

    @Test
    void anAvailableArchiveExpiresAfter72Hours() throws Exception {
        String s = session(opentok);
        publisher(s, "alice");
        String id = startArchive(s);
        opentok.post("/archive/" + id + "/stop", null);
        JsonObject a = awaitStatus(opentok, id, "available");
        String key = server.store().archives().find(id).orElseThrow().mediaKey();
        assertThat(server.media().exists(key)).isTrue();
        assertThat(a.getString("url")).isNotNull();
        java.net.http.HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(a.getString("url")))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body())
                .as("nothing was recorded: an empty file, as the hosted service gives")
                .isEmpty();
        advance(Duration.ofHours(72));
        JsonObject expired = awaitStatus(opentok, id, "expired");
        assertThat(expired.getValue("url")).isNull();
        Await.until("the output removed", () -> !server.media().exists(key));
        assertThat(callbacks.await(4, r -> id.equals(r.body().getString("id"))))
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "stopped", "available", "expired");
    }

    @Test
    void anArchiveRecordingWhenTheServerStopsEndsWithItsSession() {
        String s = session(opentok);
        publisher(s, "alice");
        String id = startArchive(s);
        server.restart();
        opentok = VideoApiClient.opentok(server.baseUrl(), API_KEY, SECRET, clock);
        assertThat(awaitStatus(opentok, id, "available").getString("reason")).isEqualTo("session ended");
    }
}
