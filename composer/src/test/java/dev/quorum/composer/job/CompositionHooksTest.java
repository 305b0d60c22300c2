package dev.quorum.composer.job;

import static dev.quorum.composer.job.JobFixture.AC;
import static dev.quorum.composer.job.JobFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionSpec;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.testing.StoreTestBase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hooks turning ended rooms into enqueued compositions, on SQLite and PostgreSQL. */
@Tag("slow")
class CompositionHooksTest extends StoreTestBase {

    JobFixture f;
    CompositionHooks hooks;

    @BeforeEach
    void fixture() throws Exception {
        f = new JobFixture(store, dir, clock);
        hooks = new CompositionHooks(store, f.bus, clock);
        hooks.start();
    }

    @AfterEach
    void stop() throws Exception {
        hooks.close();
        f.close();
    }

    static CompositionSpec spec(String layout) {
        return new CompositionSpec(
                layout, List.of("*"), List.of(), "640x480", "webm", true, "https://cb.example/h", "POST");
    }

    @Test
    void everyEnabledHookComposesAnEndedRoomOnceItsRecordingsAreWritten() throws Exception {
        var grid = store.hooks().create(sid("HK", 1), AC, "grid", true, spec("{\"grid\":{\"video_sources\":[\"*\"]}}"));
        var audio = store.hooks().create(sid("HK", 2), AC, "audio", true, spec("{}"));
        store.hooks().create(sid("HK", 3), AC, "off", false, spec("{}"));
        String room = sid("RM", 1);
        f.room(room, RoomRecord.IN_PROGRESS);
        f.recording(room, 1, "mic", "audio", f.files.garbage("a.mka", 100), 0, 1000, false);
        String stillWriting = f.recording(room, 2, "cam", "video", f.files.garbage("b.mkv", 100), 0, 1000, true);

        f.endRoom(room);
        assertThat(f.next(1)).as("a recording is still being written").isNull();
        assertThat(store.compositions().ofRoom(room)).isEmpty();

        f.completeRecording(room, stillWriting, 1000);
        CompositionEvent e1 = f.next(30);
        CompositionEvent e2 = f.next(30);
        assertThat(List.of(e1, e2))
                .allSatisfy(e -> {
                    assertThat(e.name()).isEqualTo(CompositionEvent.ENQUEUED);
                    assertThat(e.roomSid()).isEqualTo(room);
                    assertThat(e.accountSid()).isEqualTo(AC);
                })
                .extracting(CompositionEvent::hookSid)
                .containsExactly(grid.sid(), audio.sid());
        List<Composition> created = store.compositions().ofRoom(room);
        assertThat(created).extracting(Composition::hookSid).containsExactlyInAnyOrder(grid.sid(), audio.sid());
        assertThat(created).allSatisfy(c -> assertThat(c.status()).isEqualTo(Composition.ENQUEUED));
        assertThat(created)
                .filteredOn(c -> grid.sid().equals(c.hookSid()))
                .singleElement()
                .satisfies(c -> assertThat(c.spec()).isEqualTo(grid.spec()));
        assertThat(List.of(e1.compositionSid(), e2.compositionSid()))
                .containsExactlyInAnyOrderElementsOf(
                        created.stream().map(Composition::sid).toList());

        // The same room ending again (a replayed event) creates nothing more.
        f.endRoom(room);
        assertThat(f.next(1)).isNull();
        assertThat(store.compositions().ofRoom(room)).hasSize(2);
    }

    @Test
    void aRoomThatStartsRecordingGetsItsHooksCompositionsAtOnceToBeComposedWhileItRuns() throws Exception {
        var grid = store.hooks().create(sid("HK", 8), AC, "grid", true, spec("{\"grid\":{\"video_sources\":[\"*\"]}}"));
        String room = sid("RM", 5);
        f.room(room, RoomRecord.IN_PROGRESS);
        String first = f.recording(room, 7, "cam", "video", f.files.garbage("f.mkv", 100), 0, 1000, true);
        f.bus.publish(new RecordingEvent(RecordingEvent.STARTED, AC, room, first, null, clock.instant()));

        CompositionEvent enqueued = f.next(30);
        assertThat(enqueued).isNotNull();
        assertThat(enqueued.name()).isEqualTo(CompositionEvent.ENQUEUED);
        assertThat(enqueued.hookSid()).isEqualTo(grid.sid());
        assertThat(store.rooms().find(AC, room).orElseThrow().status()).isEqualTo(RoomRecord.IN_PROGRESS);

        // More recordings, then the end of the room: the hook has composed the room already.
        String second = f.recording(room, 8, "mic", "audio", f.files.garbage("g.mka", 100), 0, 1000, true);
        f.bus.publish(new RecordingEvent(RecordingEvent.STARTED, AC, room, second, null, clock.instant()));
        f.completeRecording(room, first, 1000);
        f.completeRecording(room, second, 1000);
        f.endRoom(room);
        assertThat(f.next(1)).isNull();
        assertThat(store.compositions().ofRoom(room))
                .extracting(Composition::hookSid)
                .containsExactly(grid.sid());
    }

    @Test
    void aHookThatCannotComposeSaysSoAndTheOthersStillRun() throws Exception {
        var broken = store.hooks().create(sid("HK", 4), AC, "broken", true, spec("{\"main\":{\"x_pos\":3}}"));
        var fine = store.hooks().create(sid("HK", 5), AC, "fine", true, spec("{}"));
        String room = sid("RM", 2);
        f.room(room, RoomRecord.IN_PROGRESS);
        f.recording(room, 3, "mic", "audio", f.files.garbage("c.mka", 100), 0, 1000, false);
        f.endRoom(room);

        CompositionEvent failed = f.next(30);
        assertThat(failed.name()).isEqualTo(CompositionEvent.HOOK_FAILED);
        assertThat(failed.hookSid()).isEqualTo(broken.sid());
        assertThat(failed.compositionSid()).isNull();
        assertThat(failed.errorMessage()).contains("broken").contains("video_sources is required");
        CompositionEvent enqueued = f.next(30);
        assertThat(enqueued.name()).isEqualTo(CompositionEvent.ENQUEUED);
        assertThat(enqueued.hookSid()).isEqualTo(fine.sid());
    }

    @Test
    void aRoomThatRecordedNothingIsNotComposed() throws Exception {
        store.hooks().create(sid("HK", 6), AC, "grid", true, spec("{\"grid\":{\"video_sources\":[\"*\"]}}"));
        String room = sid("RM", 3);
        f.room(room, RoomRecord.IN_PROGRESS);
        f.endRoom(room);
        assertThat(f.next(1)).isNull();
        assertThat(store.compositions().ofRoom(room)).isEmpty();
    }

    @Test
    void aRoomWaitingForItsRecordingsIsComposedAfterARestart() throws Exception {
        var grid = store.hooks().create(sid("HK", 7), AC, "grid", true, spec("{\"grid\":{\"video_sources\":[\"*\"]}}"));
        String room = sid("RM", 4);
        f.room(room, RoomRecord.IN_PROGRESS);
        f.recording(room, 5, "mic", "audio", f.files.garbage("d.mka", 100), 0, 1000, false);
        String stillWriting = f.recording(room, 6, "cam", "video", f.files.garbage("e.mkv", 100), 0, 1000, true);
        f.endRoom(room);
        assertThat(f.next(1)).as("a recording is still being written").isNull();

        // The server stops mid-wait; the recording is finished while no hooks run (recovery at the next start).
        hooks.close();
        restart().recordings().complete(stillWriting, 1000, 100);
        assertThat(store.compositions().ofRoom(room)).isEmpty();

        hooks = new CompositionHooks(store, f.bus, clock);
        hooks.start();
        CompositionEvent enqueued = f.next(30);
        assertThat(enqueued).isNotNull();
        assertThat(enqueued.name()).isEqualTo(CompositionEvent.ENQUEUED);
        assertThat(enqueued.hookSid()).isEqualTo(grid.sid());
        assertThat(store.compositions().ofRoom(room))
                .extracting(Composition::hookSid)
                .containsExactly(grid.sid());
        // The wait is closed right after the compositions are enqueued.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!store.hooks().waiting().isEmpty()) {
            assertThat(System.nanoTime()).as("the room's wait is closed").isLessThan(deadline);
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(10);
        }

        // A further restart finds nothing left to do.
        hooks.close();
        hooks = new CompositionHooks(restart(), f.bus, clock);
        hooks.start();
        assertThat(f.next(1)).isNull();
        assertThat(store.compositions().ofRoom(room)).hasSize(1);
    }
}
