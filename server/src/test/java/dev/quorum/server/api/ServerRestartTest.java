package dev.quorum.server.api;

import static dev.quorum.server.api.SdkLists.all;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.Composition;
import com.twilio.rest.video.v1.CompositionHook;
import com.twilio.rest.video.v1.Room;
import com.twilio.rest.video.v1.room.Participant;
import com.twilio.rest.video.v1.room.RoomRecording;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.api.testing.CallbackReceiver.Received;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server stopped in the middle of things and started again on the same data directory: a
 * recorded room with two browsers in it, a composition of it waiting, a hook, and every status
 * callback still undelivered because the customer's receiver is down. Nothing is lost: the room
 * ends with the stop, its history and recordings are kept, the composition is made after the
 * restart, and every callback reaches the receiver once it is back — each exactly once.
 */
@Tag("slow")
class ServerRestartTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String ROOM_EVENTS = "/video/rooms";
    static final String COMPOSITION_EVENTS = "/video/compositions";

    @TempDir
    Path data;

    @Test
    void historyRecordingsCompositionsHooksAndPendingCallbacksSurviveARestart() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.down();
                ConfiguredServer quorum = ConfiguredServer.start(data, Map.of())) {
            TwilioRestClient client = quorum.sdk();
            CompositionHook hook = CompositionHook.creator("Kept across restarts")
                    .setEnabled(false)
                    .setAudioSources("*")
                    .setFormat(CompositionHook.Format.WEBM)
                    .create(client);
            Room room = Room.creator()
                    .setUniqueName("interrupted")
                    .setRecordParticipantsOnConnect(true)
                    .setStatusCallback(receiver.url(ROOM_EVENTS))
                    .create(client);
            List<String> participants;
            try (Chromium chromium = Chromium.start()) {
                BrowserCall call = BrowserCall.join(chromium, quorum.baseUrl(), "interrupted", "dave", "erin");
                participants = call.participants().stream().map(p -> p.sid()).toList();
                call.awaitMediaFlowing();
                // Real media for a few seconds before the stop.
                Thread.sleep(3000);
                // Created while the room runs: it waits in the queue until the room has ended.
                Composition composition = Composition.creator(room.getSid())
                        .setVideoLayout(Map.of("grid", Map.of("video_sources", List.of("*"))))
                        .setAudioSources("*")
                        .setResolution("320x240")
                        .setFormat(Composition.Format.WEBM)
                        .setStatusCallback(receiver.url(COMPOSITION_EVENTS))
                        .create(client);
                // The receiver is down: the room's callbacks are queued and their attempts fail.
                JsonObject first = awaitFailedAttempt(client, room.getSid());
                assertThat(first.getString("event")).isEqualTo("room-created");
                assertThat(first.getValue("last_status_code")).isNull();

                quorum.server().close();
                restartCheck(quorum, receiver, room, hook, composition, participants);
            }
        }
    }

    private void restartCheck(
            ConfiguredServer quorum,
            CallbackReceiver receiver,
            Room room,
            CompositionHook hook,
            Composition composition,
            List<String> participants)
            throws Exception {
        quorum.restart();
        TwilioRestClient client = quorum.sdk();

        // The stop ended the room; its history is the metadata store's.
        Room after = Room.fetcher(room.getSid()).fetch(client);
        assertThat(after.getStatus()).isEqualTo(Room.RoomStatus.COMPLETED);
        assertThat(after.getEndTime()).isNotNull();
        List<Participant> left = all(Participant.reader(room.getSid())
                .setStatus(Participant.Status.DISCONNECTED)
                .read(client));
        assertThat(left).extracting(Participant::getSid).containsExactlyInAnyOrderElementsOf(participants);
        assertThat(left).extracting(Participant::getIdentity).containsExactlyInAnyOrder("dave", "erin");
        List<RoomRecording> recordings = awaitCompletedRecordings(client, room.getSid(), 4);
        assertThat(recordings)
                .extracting(RoomRecording::getType)
                .containsExactlyInAnyOrder(
                        RoomRecording.Type.AUDIO,
                        RoomRecording.Type.AUDIO,
                        RoomRecording.Type.VIDEO,
                        RoomRecording.Type.VIDEO);
        assertThat(recordings).allSatisfy(r -> assertThat(r.getSize()).isPositive());
        CompositionHook kept = CompositionHook.fetcher(hook.getSid()).fetch(client);
        assertThat(kept.getFriendlyName()).isEqualTo("Kept across restarts");
        assertThat(kept.getEnabled()).isFalse();
        assertThat(Composition.fetcher(composition.getSid()).fetch(client).getRoomSid())
                .isEqualTo(room.getSid());

        // Every room callback is still queued, including those of the room's end during the stop.
        List<JsonObject> pending = callbacks(client, room.getSid(), "pending").stream()
                .filter(c -> receiver.url(ROOM_EVENTS).equals(c.getString("callback_url")))
                .toList();
        assertThat(pending)
                .extracting(c -> c.getString("event"))
                .contains(
                        "room-created",
                        "participant-connected",
                        "track-added",
                        "recording-started",
                        "recording-completed",
                        "participant-disconnected",
                        "room-ended");

        receiver.listen();
        Predicate<Received> ofRoom = r -> r.url().equals(receiver.url(ROOM_EVENTS));
        receiver.await(pending.size(), ofRoom, WAIT);
        receiver.await(4, ofRoom.and(r -> "recording-completed".equals(r.event())), WAIT);
        receiver.await(1, ofRoom.and(r -> "room-ended".equals(r.event())), WAIT);
        List<Received> delivered = receiver.received().stream().filter(ofRoom).toList();
        assertThat(delivered)
                .allSatisfy(r ->
                        assertThat(r.signedWith(ConfiguredServer.AUTH_TOKEN)).isTrue());
        assertThat(delivered)
                .as("each callback arrives once")
                .extracting(Received::idempotencyToken)
                .doesNotHaveDuplicates();
        assertThat(delivered)
                .extracting(r -> Integer.parseInt(r.param("SequenceNumber")))
                .isSorted();
        List<String> events = delivered.stream().map(Received::event).toList();
        assertThat(events).containsOnlyOnce("room-created", "room-ended");
        assertThat(events.stream().filter("participant-connected"::equals)).hasSize(2);
        assertThat(events.stream().filter("participant-disconnected"::equals)).hasSize(2);
        assertThat(events.stream().filter("track-added"::equals)).hasSize(4);
        assertThat(events.stream().filter("recording-started"::equals)).hasSize(4);
        assertThat(events.stream().filter("recording-completed"::equals)).hasSize(4);
        assertThat(delivered)
                .extracting(Received::idempotencyToken)
                .containsAll(pending.stream()
                        .map(c -> ConfiguredServer.ACCOUNT + "-" + c.getValue("id"))
                        .toList());
        // The receiver answers after recording a callback: the log says delivered a moment later.
        awaitNonePending(client, room.getSid(), receiver.url(ROOM_EVENTS));
        assertThat(callbacks(client, room.getSid(), "delivered"))
                .filteredOn(c -> receiver.url(ROOM_EVENTS).equals(c.getString("callback_url")))
                .extracting(c -> c.getInteger("id"))
                .containsExactlyInAnyOrderElementsOf(
                        pending.stream().map(c -> c.getInteger("id")).toList());

        // The composition waiting at the stop is made after the restart.
        Received available = receiver.awaitEvent(COMPOSITION_EVENTS, "composition-available", WAIT);
        assertThat(available.param("CompositionSid")).isEqualTo(composition.getSid());
        Composition made = Composition.fetcher(composition.getSid()).fetch(client);
        assertThat(made.getStatus()).isEqualTo(Composition.Status.COMPLETED);
        assertThat(made.getSize()).isPositive();
    }

    /** The room's first callback once an attempt to send it has failed. */
    private static JsonObject awaitFailedAttempt(TwilioRestClient client, String roomSid) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<JsonObject> pending = callbacks(client, roomSid, "pending");
            JsonObject oldest = pending.isEmpty() ? null : pending.get(pending.size() - 1);
            if (oldest != null && oldest.getInteger("attempts", 0) >= 1) {
                return oldest;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("No failed attempt logged: " + pending);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitNonePending(TwilioRestClient client, String roomSid, String url)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (callbacks(client, roomSid, "pending").stream().anyMatch(c -> url.equals(c.getString("callback_url")))) {
            if (System.nanoTime() > end) {
                throw new AssertionError(
                        "Callbacks to " + url + " still pending: " + callbacks(client, roomSid, "pending"));
            }
            Thread.sleep(100);
        }
    }

    /** The delivery log of a room's callbacks in {@code status}, newest first. */
    private static List<JsonObject> callbacks(TwilioRestClient client, String roomSid, String status) {
        List<JsonObject> out = new ArrayList<>();
        JsonArray page = ConfiguredServer.getJson(
                        client, "/v1/StatusCallbacks?ResourceSid=" + roomSid + "&Status=" + status + "&PageSize=1000")
                .getJsonArray("status_callbacks");
        for (int i = 0; i < page.size(); i++) {
            out.add(page.getJsonObject(i));
        }
        return out;
    }

    private static List<RoomRecording> awaitCompletedRecordings(TwilioRestClient client, String roomSid, int n)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<RoomRecording> all = all(RoomRecording.reader(roomSid).read(client));
            if (all.size() >= n && all.stream().allMatch(r -> r.getStatus() == RoomRecording.Status.COMPLETED)) {
                return all;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Recordings not completed after the restart: " + all);
            }
            Thread.sleep(250);
        }
    }
}
