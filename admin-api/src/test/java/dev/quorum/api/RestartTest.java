package dev.quorum.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.callbacks.CallbackPolicy;
import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.api.testing.CallbackReceiver.Received;
import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.api.testing.TestClient;
import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A server stopped mid-flow and started again on the same database and media loses nothing. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@Tag("slow")
class RestartTest {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void historyRecordingsCompositionsHooksAndPendingCallbacksSurviveARestart() {
        MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
        CallbackPolicy policy = new CallbackPolicy(
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                0.2,
                Duration.ofHours(24),
                Duration.ofMillis(20),
                8);
        try (ApiServer server = new ApiServer(database, dir, clock, policy);
                CallbackReceiver receiver = CallbackReceiver.down()) {
            TestClient api = server.client();
            String rm = api.post("/v1/Rooms", "UniqueName", "before", "StatusCallback", receiver.url("/cb"))
                    .json()
                    .getString("sid");
            ParticipantInfo alice = server.rooms().join(rm, "alice");
            Recording rec = new FakeRecorder(server)
                    .record(
                            alice,
                            server.rooms().publish(alice.sid(), "mic", TrackKind.AUDIO),
                            "media bytes".getBytes(),
                            4000);
            clock.advance(Duration.ofSeconds(30));
            api.post("/v1/Rooms/" + rm, "Status", "completed");
            String cj = api.post("/v1/Compositions", "RoomSid", rm, "AudioSources", "*")
                    .json()
                    .getString("sid");
            String hk = api.post("/v1/CompositionHooks", "FriendlyName", "keep me", "AudioSources", "*")
                    .json()
                    .getString("sid");
            server.awaitEvents();
            long pending = server.store().callbacks().pendingCount();
            assertThat(pending)
                    .as("every event of the room, none delivered yet")
                    .isEqualTo(8);

            server.restart();
            api = server.client();

            JsonObject room = api.get("/v1/Rooms/" + rm).json();
            assertThat(room.getString("status")).isEqualTo("completed");
            assertThat(room.getInteger("duration")).isEqualTo(30);
            assertThat(api.get("/v1/Rooms?Status=completed").json().getJsonArray("rooms"))
                    .hasSize(1);
            JsonObject participant =
                    api.get("/v1/Rooms/" + rm + "/Participants/" + alice.sid()).json();
            assertThat(participant.getString("status")).isEqualTo("disconnected");
            assertThat(api.get("/v1/Recordings/" + rec.sid()).json().getString("status"))
                    .isEqualTo("completed");
            String link =
                    api.get("/v1/Recordings/" + rec.sid() + "/Media").json().getString("redirect_to");
            assertThat(server.client(null, null).get(link).body()).isEqualTo("media bytes");
            assertThat(api.get("/v1/Compositions/" + cj).json().getString("status"))
                    .isEqualTo("enqueued");
            assertThat(api.get("/v1/CompositionHooks/" + hk).json().getString("friendly_name"))
                    .isEqualTo("keep me");
            assertThat(server.store().callbacks().pendingCount()).isEqualTo(pending);

            receiver.listen();
            clock.advance(Duration.ofMinutes(5));
            List<Received> got = receiver.await((int) pending, r -> true, Duration.ofSeconds(20));
            assertThat(got)
                    .extracting(Received::event)
                    .containsExactly(
                            "room-created",
                            "participant-connected",
                            "track-added",
                            "recording-started",
                            "recording-completed",
                            "track-removed",
                            "participant-disconnected",
                            "room-ended");
            assertThat(got)
                    .extracting(r -> r.params().get("SequenceNumber"))
                    .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        }
    }
}
