package dev.quorum.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.server.QuorumServer;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.AccountStore;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stops uncleanly with a room in progress ends that room at its next start on the
 * same data: the room completed with an end time, its participants disconnected, and the
 * callbacks a normal end would have sent. Rooms of another server sharing the database stay.
 */
class RoomsLeftInProgressTest {

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
        Map<String, String> values = new java.util.HashMap<>(Map.of("http.port", "0", "http.host", "127.0.0.1",
                "media.port", "0", "media.announced-addresses", "127.0.0.1", "data.dir", data.toString(),
                "dev-mode", "true", "callbacks.poll-interval", "50ms", "composer.workers", "0"));
        values.putAll(extra);
        ConfigSource source = ConfigSource.of(values);
        QuorumServer s = new QuorumServer(ServerConfig.from(source), source);
        s.start();
        return s;
    }

    @Test
    void aRoomLeftInProgressByACrashIsEndedAtTheNextStart() throws Exception {
        try (CallbackSink callbacks = new CallbackSink()) {
            server = start(Map.of());
            AccountStore.DevelopmentCredentials dev = server.developmentCredentials().orElseThrow();
            JsonObject room = createRoom(server, dev, "standup", callbacks.url());
            String roomSid = room.getString("sid");
            callbacks.await("room-created", "RoomSid", roomSid);

            MetadataStore store = server.store();
            Instant joined = Instant.now().minusSeconds(30);
            String alice = "PA" + "a".repeat(32);
            store.participants().upsert(new ParticipantRecord(alice, roomSid, dev.account().sid(), "alice",
                    ParticipantRecord.CONNECTED, joined, null, joined, joined));
            // A room another server hosts in the same database.
            String elsewhere = "RM" + "b".repeat(32);
            RoomRecord other = new RoomRecord(elsewhere, dev.account().sid(), "elsewhere", RoomRecord.IN_PROGRESS,
                    "group", callbacks.url(), "POST", 50, Duration.ofHours(4), Duration.ofMinutes(5),
                    Duration.ofMinutes(5), List.of("VP8"), false, "[]", false, false, "us1", false, joined, joined, null);
            store.rooms().upsert(other);
            store.rooms().recordHost(elsewhere, "sfu-b");

            server.closeLeavingRoomsInProgress();
            server = null;

            server = start(Map.of());
            Map<String, String> left = callbacks.await("participant-disconnected", "ParticipantSid", alice);
            assertThat(left).containsEntry("RoomSid", roomSid).containsEntry("ParticipantStatus", "disconnected")
                    .containsEntry("ParticipantIdentity", "alice").containsKey("ParticipantDuration");
            Map<String, String> ended = callbacks.await("room-ended", "RoomSid", roomSid);
            assertThat(ended).containsEntry("RoomStatus", "completed").containsKey("RoomDuration");

            RoomRecord stored = server.store().rooms().find(roomSid).orElseThrow();
            assertThat(stored.status()).isEqualTo(RoomRecord.COMPLETED);
            assertThat(stored.endTime()).isNotNull().isAfterOrEqualTo(stored.dateCreated());
            ParticipantRecord aliceNow = server.store().participants().find(dev.account().sid(), roomSid, alice)
                    .orElseThrow();
            assertThat(aliceNow.status()).isEqualTo(ParticipantRecord.DISCONNECTED);
            assertThat(aliceNow.endTime()).isNotNull();
            assertThat(server.store().rooms().find(elsewhere).orElseThrow().status()).isEqualTo(RoomRecord.IN_PROGRESS);
            // The REST API agrees, and the unique name is free for a new room.
            assertThat(getRoom(server, dev, roomSid).getString("status")).isEqualTo("completed");
            JsonObject again = createRoom(server, dev, "standup", null);
            assertThat(again.getString("sid")).isNotEqualTo(roomSid);
        }
    }

    @Test
    void aCleanStopLeavesNothingToEnd() throws Exception {
        try (CallbackSink callbacks = new CallbackSink()) {
            server = start(Map.of());
            AccountStore.DevelopmentCredentials dev = server.developmentCredentials().orElseThrow();
            String roomSid = createRoom(server, dev, "planning", callbacks.url()).getString("sid");
            callbacks.await("room-created", "RoomSid", roomSid);
            server.close();
            // The engine's close ended the room itself.
            callbacks.await("room-ended", "RoomSid", roomSid);
            server = start(Map.of());
            assertThat(server.store().rooms().inProgressHostedBy("local")).isEmpty();
            assertThat(server.store().rooms().find(roomSid).orElseThrow().status()).isEqualTo(RoomRecord.COMPLETED);
        }
    }

    static JsonObject createRoom(QuorumServer s, AccountStore.DevelopmentCredentials dev, String name, String callback)
            throws Exception {
        String form = "UniqueName=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (callback == null ? "" : "&StatusCallback=" + URLEncoder.encode(callback, StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.httpPort() + "/v1/Rooms"))
                .header("Authorization", basic(dev))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    static JsonObject getRoom(QuorumServer s, AccountStore.DevelopmentCredentials dev, String sid) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.httpPort() + "/v1/Rooms/" + sid))
                .header("Authorization", basic(dev)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    static String basic(AccountStore.DevelopmentCredentials dev) {
        return "Basic " + Base64.getEncoder().encodeToString((dev.account().sid() + ":" + dev.account().authToken())
                .getBytes(StandardCharsets.UTF_8));
    }
}
