package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.archive.ArchiveStore;
import dev.quorum.storage.recording.Recording;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Archives beside each other on one room: a track's recording restarts whenever the set of
 * archives wanting it changes, so each recording belongs to the archives recording all of it.
 */
@Tag("slow")
class ArchivePartsTest extends ArchiveTestBase {

    @Test
    void aSecondArchiveStartingOrTheFirstStoppingRestartsTheRecordingsTheyShare() {
        String s = session(opentok);
        ParticipantInfo alice = join(s, "alice");
        TrackInfo mic = server.rooms().publish(alice.sid(), "microphone", TrackKind.AUDIO);
        server.awaitEvents();
        String room = room(s).sid();
        FakeRecorder recorder = new FakeRecorder(server);

        // Each recording starts a moment after the change that started it; its start event may reach
        // the archives after the next change (the bus is asynchronous), and is placed by its time.
        String first = start(opentok, new JsonObject().put("sessionId", s)).getString("id");
        clock.advance(Duration.ofMillis(300));
        Recording r1 = recorder.start(alice, mic);
        clock.advance(Duration.ofSeconds(1));
        String second = start(opentok, new JsonObject().put("sessionId", s).put("multiArchiveTag", "b"))
                .getString("id");
        clock.advance(Duration.ofMillis(300));
        Recording r2 = recorder.start(alice, mic);
        clock.advance(Duration.ofSeconds(1));
        opentok.post("/archive/" + first + "/stop", null);
        clock.advance(Duration.ofMillis(300));
        Recording r3 = recorder.start(alice, mic);
        server.awaitEvents();
        // The stream list is read on the engine's thread, after every event it received so far.
        String stream = opentok.get("/session/" + s + "/stream")
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");

        List<List<String>> history = server.rooms().rulesHistory(room).stream()
                .map(rules -> rules.stream().map(RecordingRule::track).toList())
                .toList();
        assertThat(history)
                .containsExactly(List.of(mic.sid()), List.of(), List.of(mic.sid()), List.of(), List.of(mic.sid()));
        assertThat(server.store().archives().parts(first))
                .extracting(ArchiveStore.Part::recordingSid)
                .containsExactlyInAnyOrder(r1.sid(), r2.sid());
        assertThat(server.store().archives().parts(second))
                .extracting(ArchiveStore.Part::recordingSid)
                .containsExactlyInAnyOrder(r2.sid(), r3.sid());
        assertThat(server.store().archives().parts(second))
                .extracting(ArchiveStore.Part::streamId)
                .containsOnly(stream);
    }
}
