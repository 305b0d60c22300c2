package dev.quorum.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.server.QuorumServer;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.AccountStore;
import dev.quorum.storage.callback.Delivery;
import dev.quorum.storage.callback.DeliveryFilter;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stops uncleanly with a room in progress ends that room at its next start on the
 * same data: the room completed with an end time, its participants disconnected, and the
 * callbacks a normal end would have sent. Rooms of another server sharing the database stay.
 */
@Tag("slow")
class RoomsLeftInProgressTest {

    @TempDir
    Path data;

    static final String CALLBACKS = "/cb";
    static final Duration CALLBACK_WAIT = Duration.ofSeconds(20);

    private QuorumServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private QuorumServer start(Map<String, String> extra) throws Exception {
        return TestServer.start(data, extra);
    }

    @Test
    void aRoomLeftInProgressByACrashIsEndedAtTheNextStart() throws Exception {
        try (CallbackReceiver callbacks = CallbackReceiver.start()) {
            server = start(Map.of());
            AccountStore.DevelopmentCredentials dev =
                    server.developmentCredentials().orElseThrow();
            JsonObject room = createRoom(server, "standup", callbacks.url(CALLBACKS));
            String roomSid = room.getString("sid");
            callbacks.awaitFor("room-created", "RoomSid", roomSid, CALLBACK_WAIT);
            awaitDeliveriesRecorded(server);

            MetadataStore store = server.store();
            Instant joined = Instant.now().minusSeconds(30);
            String alice = "PA" + "a".repeat(32);
            store.participants()
                    .upsert(new ParticipantRecord(
                            alice,
                            roomSid,
                            dev.account().sid(),
                            "alice",
                            ParticipantRecord.CONNECTED,
                            joined,
                            null,
                            joined,
                            joined));
            // A room another server hosts in the same database.
            String elsewhere = "RM" + "b".repeat(32);
            RoomRecord other = new RoomRecord(
                    elsewhere,
                    dev.account().sid(),
                    "elsewhere",
                    RoomRecord.IN_PROGRESS,
                    "group",
                    callbacks.url(CALLBACKS),
                    "POST",
                    50,
                    Duration.ofHours(4),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(5),
                    List.of("VP8"),
                    false,
                    "[]",
                    false,
                    false,
                    "us1",
                    false,
                    joined,
                    joined,
                    null);
            store.rooms().upsert(other);
            store.rooms().recordHost(elsewhere, "sfu-b");

            server.closeLeavingRoomsInProgress();
            server = null;

            server = start(Map.of());
            Map<String, String> left = callbacks
                    .awaitFor("participant-disconnected", "ParticipantSid", alice, CALLBACK_WAIT)
                    .params();
            assertThat(left)
                    .containsEntry("RoomSid", roomSid)
                    .containsEntry("ParticipantStatus", "disconnected")
                    .containsEntry("ParticipantIdentity", "alice")
                    .containsKey("ParticipantDuration");
            Map<String, String> ended = callbacks
                    .awaitFor("room-ended", "RoomSid", roomSid, CALLBACK_WAIT)
                    .params();
            assertThat(ended).containsEntry("RoomStatus", "completed").containsKey("RoomDuration");

            RoomRecord stored = server.store().rooms().find(roomSid).orElseThrow();
            assertThat(stored.status()).isEqualTo(RoomRecord.COMPLETED);
            assertThat(stored.endTime()).isNotNull().isAfterOrEqualTo(stored.dateCreated());
            ParticipantRecord aliceNow = server.store()
                    .participants()
                    .find(dev.account().sid(), roomSid, alice)
                    .orElseThrow();
            assertThat(aliceNow.status()).isEqualTo(ParticipantRecord.DISCONNECTED);
            assertThat(aliceNow.endTime()).isNotNull();
            assertThat(server.store().rooms().find(elsewhere).orElseThrow().status())
                    .isEqualTo(RoomRecord.IN_PROGRESS);
            // The REST API agrees, and the unique name is free for a new room.
            assertThat(TestServer.rest(server).get("/v1/Rooms/" + roomSid).getString("status"))
                    .isEqualTo("completed");
            JsonObject again = createRoom(server, "standup", null);
            assertThat(again.getString("sid")).isNotEqualTo(roomSid);
        }
    }

    @Test
    void aCleanStopLeavesNothingToEnd() throws Exception {
        try (CallbackReceiver callbacks = CallbackReceiver.start()) {
            server = start(Map.of());
            AccountStore.DevelopmentCredentials dev =
                    server.developmentCredentials().orElseThrow();
            String roomSid =
                    createRoom(server, "planning", callbacks.url(CALLBACKS)).getString("sid");
            callbacks.awaitFor("room-created", "RoomSid", roomSid, CALLBACK_WAIT);
            awaitDeliveriesRecorded(server);
            server.close();
            // The engine's close ended the room itself, before the store closed.
            server = start(Map.of());
            assertThat(server.store().rooms().inProgressHostedBy("local")).isEmpty();
            // Its callback was queued then, exactly once, and nothing more was added at this start.
            assertThat(server.store()
                            .callbacks()
                            .list(dev.account().sid(), new DeliveryFilter(roomSid, null, "room-ended"), null, 10)
                            .items())
                    .hasSize(1);
            assertThat(server.store()
                            .callbacks()
                            .list(dev.account().sid(), new DeliveryFilter(null, null, null), null, 10)
                            .items())
                    .extracting(Delivery::event)
                    .containsExactlyInAnyOrder("room-created", "room-ended");
            assertThat(server.store().rooms().find(roomSid).orElseThrow().status())
                    .isEqualTo(RoomRecord.COMPLETED);
        }
    }

    /**
     * Waits until every queued callback is recorded as delivered. A server stopped mid-delivery
     * holds the room's later callbacks until its lease on that one expires; the tests stop only
     * once that cannot happen.
     */
    static void awaitDeliveriesRecorded(QuorumServer s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.store().callbacks().nextDueAt().isPresent()) {
            assertThat(System.nanoTime()).as("callbacks recorded as delivered").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    static JsonObject createRoom(QuorumServer s, String name, String callback) {
        return TestServer.rest(s).post("/v1/Rooms", 201, "UniqueName", name, "StatusCallback", callback);
    }
}
