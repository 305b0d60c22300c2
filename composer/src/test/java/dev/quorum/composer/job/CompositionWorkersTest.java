package dev.quorum.composer.job;

import static dev.quorum.composer.job.JobFixture.AC;
import static dev.quorum.composer.job.JobFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.composer.ComposerConfig;
import dev.quorum.composer.process.CompositionRunner;
import dev.quorum.composer.testing.Probe;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.storage.archive.VideoStream;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionSpec;
import dev.quorum.storage.composition.CompositionWindow;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.testing.StoreTestBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The worker pool against a real queue, on SQLite and PostgreSQL. */
@Tag("slow")
class CompositionWorkersTest extends StoreTestBase {

    JobFixture f;
    CompositionWorkers workers;

    @BeforeEach
    void fixture() throws Exception {
        f = new JobFixture(store, dir, clock);
    }

    @AfterEach
    void stop() throws Exception {
        if (workers != null) {
            workers.close();
        }
        f.close();
    }

    ComposerConfig config(ComposerConfig.Isolation isolation) {
        return ComposerConfig.defaults(dir)
                .withIsolation(isolation)
                .withTiming(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    CompositionWorkers start(ComposerConfig config) {
        CompositionRunner runner = CompositionWorkers.runnerFor(config);
        workers = new CompositionWorkers(config, store, f.media, f.bus, runner, clock);
        workers.start().toCompletableFuture().join();
        return workers;
    }

    static CompositionSpec grid(String format) {
        return new CompositionSpec(
                "{\"grid\":{\"video_sources\":[\"*\"]}}",
                List.of("*"),
                List.of(),
                "320x240",
                format,
                true,
                null,
                "POST");
    }

    void validRoom(String room, int first) throws Exception {
        f.recording(room, first, "cam", "video", f.files.vp8("red" + first, "red", 320, 240, 3), 0, 3000, false);
        f.recording(room, first + 1, "mic", "audio", f.files.opusTone("tone" + first, 440, 3), 0, 3000, false);
    }

    @Test
    void waitsForTheRoomToEndThenComposesInAChildProcessAndReportsEachStep() throws Exception {
        String room = sid("RM", 1);
        f.room(room, RoomRecord.IN_PROGRESS);
        validRoom(room, 1);
        Composition c = store.compositions().create(sid("CJ", 1), AC, room, null, grid("mp4"));
        // Without live workers (composer.live-workers = 0) rooms are composed after they end.
        start(config(ComposerConfig.Isolation.PROCESS).withLive(0, ComposerConfig.DEFAULT_LIVE_DELAY));

        // Created while the room runs: it waits in the queue.
        assertThat(f.next(1)).isNull();
        assertThat(store.compositions().find(c.sid()).orElseThrow().status()).isEqualTo(Composition.ENQUEUED);

        f.endRoom(room);
        List<CompositionEvent> events = f.until(CompositionEvent.AVAILABLE, 90);
        List<String> names = JobFixture.names(events);
        assertThat(names.get(0)).isEqualTo(CompositionEvent.STARTED);
        assertThat(names.get(names.size() - 1)).isEqualTo(CompositionEvent.AVAILABLE);
        List<CompositionEvent> progress = events.stream()
                .filter(e -> e.name().equals(CompositionEvent.PROGRESS))
                .toList();
        assertThat(progress).isNotEmpty();
        assertThat(progress)
                .extracting(CompositionEvent::percentageDone)
                .isSorted()
                .allSatisfy(p -> assertThat(p % 10).isZero())
                .allSatisfy(p -> assertThat(p).isBetween(10, 90));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.compositionSid()).isEqualTo(c.sid());
            assertThat(e.roomSid()).isEqualTo(room);
            assertThat(e.accountSid()).isEqualTo(AC);
        });

        Composition done = store.compositions().find(c.sid()).orElseThrow();
        assertThat(done.status()).isEqualTo(Composition.COMPLETED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.durationMs()).isEqualTo(3000);
        assertThat(done.bitrate()).isPositive();
        assertThat(done.mediaKey()).isEqualTo("compositions/" + AC + "/" + c.sid() + ".mp4");
        Path file = f.media.pathOf(done.mediaKey());
        assertThat(file).hasSize(done.sizeBytes());
        Probe p = new Probe(file);
        assertThat(p.durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat(p.frameAt(1.5).colourAt(160, 120)).isEqualTo("red");
        assertThat(Probe.toneAmplitude(p.audio(1.0, 1.0), 440)).isGreaterThan(0.03);
    }

    @Test
    void aFailedJobIsReportedAndTheWorkerGoesOnWithTheNext() throws Exception {
        String bad = sid("RM", 2);
        f.room(bad, RoomRecord.COMPLETED);
        f.recording(bad, 10, "cam", "video", f.files.garbage("junk.mkv", 5000), 0, 3000, false);
        String good = sid("RM", 3);
        f.room(good, RoomRecord.COMPLETED);
        validRoom(good, 20);
        Composition failing = store.compositions().create(sid("CJ", 2), AC, bad, null, grid("webm"));
        clock.advance(Duration.ofSeconds(1));
        Composition next = store.compositions().create(sid("CJ", 3), AC, good, null, grid("webm"));
        start(config(ComposerConfig.Isolation.IN_PROCESS));

        List<CompositionEvent> first = f.until(CompositionEvent.FAILED, 60);
        CompositionEvent failed = first.get(first.size() - 1);
        assertThat(failed.compositionSid()).isEqualTo(failing.sid());
        assertThat(failed.failedOperation()).isEqualTo("MediaProcessing");
        assertThat(failed.errorMessage()).startsWith("None of the selected recordings could be read");
        Composition stored = store.compositions().find(failing.sid()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Composition.FAILED);
        assertThat(stored.failureReason()).isEqualTo(failed.errorMessage());

        List<CompositionEvent> second = f.until(CompositionEvent.AVAILABLE, 60);
        assertThat(second.get(second.size() - 1).compositionSid()).isEqualTo(next.sid());
        assertThat(store.compositions().find(next.sid()).orElseThrow().status()).isEqualTo(Composition.COMPLETED);
    }

    @Test
    void aJobLeftRunningByACrashRunsAgainAfterRestart() throws Exception {
        String room = sid("RM", 4);
        f.room(room, RoomRecord.COMPLETED);
        validRoom(room, 30);
        Composition c = store.compositions().create(sid("CJ", 4), AC, room, null, grid("webm"));
        ComposerConfig config = config(ComposerConfig.Isolation.IN_PROCESS);
        // The previous run of this server claimed it, then died.
        String worker = new CompositionWorkers(config, store, f.media, f.bus, null, clock).workerId(1);
        assertThat(store.compositions().claimNext(worker)).isPresent();
        store = restart();

        start(config);
        List<CompositionEvent> events = f.until(CompositionEvent.AVAILABLE, 60);
        assertThat(events.get(0).name()).isEqualTo(CompositionEvent.STARTED);
        Composition done = store.compositions().find(c.sid()).orElseThrow();
        assertThat(done.status()).isEqualTo(Composition.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void aRequestThatNoLongerFitsTheRoomFailsWithItsReason() throws Exception {
        String room = sid("RM", 5);
        f.room(room, RoomRecord.COMPLETED);
        validRoom(room, 40);
        String ghost = sid("RT", 999);
        CompositionSpec spec = new CompositionSpec(
                "{\"main\":{\"video_sources\":[\"" + ghost + "\"]}}",
                List.of(),
                List.of(),
                "320x240",
                "webm",
                true,
                null,
                "POST");
        Composition c = store.compositions().create(sid("CJ", 5), AC, room, null, spec);
        start(config(ComposerConfig.Isolation.IN_PROCESS));
        List<CompositionEvent> events = f.until(CompositionEvent.FAILED, 60);
        assertThat(events.get(events.size() - 1).errorMessage())
                .isEqualTo("VideoLayout region 'main': video_sources names " + ghost
                        + ", which is not a video recording of this room");
        assertThat(store.compositions().find(c.sid()).orElseThrow().status()).isEqualTo(Composition.FAILED);
    }

    @Test
    void aJobTakenAwayWhileRunningStopsAndLeavesNoOutput() throws Exception {
        String room = sid("RM", 6);
        f.room(room, RoomRecord.COMPLETED);
        Path red = f.files.vp8("long", "red", 320, 240, 3);
        f.recording(room, 50, "cam", "video", red, 0, 3000, false);
        f.recording(room, 51, "cam2", "video", red, 57_000, 3000, false);
        // Trim off: a minute of output, long enough to still be running when it is taken away.
        CompositionSpec spec = new CompositionSpec(
                "{\"grid\":{\"video_sources\":[\"*\"]}}", List.of(), List.of(), "320x240", "webm", false, null, "POST");
        Composition c = store.compositions().create(sid("CJ", 6), AC, room, null, spec);
        start(config(ComposerConfig.Isolation.IN_PROCESS));
        assertThat(f.next(60).name()).isEqualTo(CompositionEvent.STARTED);

        // Another server's sweeper decided this worker was dead and failed the job.
        assertThat(store.compositions().fail(c.sid(), "taken away")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        Composition next = store.compositions().create(sid("CJ", 7), AC, room, null, grid("webm"));

        // The worker notices at its next heartbeat, stops without storing anything, and goes on.
        List<CompositionEvent> events = f.until(CompositionEvent.AVAILABLE, 90);
        assertThat(events)
                .filteredOn(e -> e.name().equals(CompositionEvent.AVAILABLE))
                .singleElement()
                .satisfies(e -> assertThat(e.compositionSid()).isEqualTo(next.sid()));
        assertThat(events).noneMatch(e -> e.name().equals(CompositionEvent.FAILED));
        assertThat(f.media.exists("compositions/" + AC + "/" + c.sid() + ".webm"))
                .isFalse();
        assertThat(store.compositions().find(c.sid()).orElseThrow().status()).isEqualTo(Composition.FAILED);
        assertThat(dir.resolve("composer").resolve(c.sid() + ".webm")).doesNotExist();
        assertThat(dir.resolve("composer").resolve(c.sid() + ".webm.part")).doesNotExist();
    }

    @Test
    void aComposedArchiveUsesItsStoredLayoutChangesAndStreamClassesInAChildProcess() throws Exception {
        String room = sid("RM", 8);
        f.room(room, RoomRecord.IN_PROGRESS);
        f.recording(room, 80, "alice-cam", "video", f.files.vp8("alice", "red", 320, 240, 4), 0, 4000, false);
        f.recording(room, 81, "bob-cam", "video", f.files.vp8("bob", "blue", 320, 240, 4), 0, 4000, false);
        CompositionSpec spec = new CompositionSpec(
                "{\"type\":\"bestFit\"}", List.of(), List.of(), "640x480", "mp4", true, null, "POST", "qp:23");
        Composition c = store.compositions().create(sid("CJ", 8), AC, room, null, spec);
        // While the room runs: bob gets a class, then the layout changes to pip at 2.01 s.
        store.streamClasses().append(room, sid("MT", 81), JobFixture.T0, List.of("full"));
        assertThat(store.compositions().appendLayout(c.sid(), JobFixture.T0 + 2010, "{\"type\":\"pip\"}"))
                .isTrue();
        f.endRoom(room);
        start(config(ComposerConfig.Isolation.PROCESS));
        f.until(CompositionEvent.AVAILABLE, 90);

        Probe p = new Probe(
                f.media.pathOf(store.compositions().find(c.sid()).orElseThrow().mediaKey()));
        // bestFit until frame 50 (2.00 s): bob, ranked first by his class, left; alice right.
        assertThat(p.frame(50).colourAt(160, 240)).isEqualTo("blue");
        assertThat(p.frame(50).colourAt(480, 240)).isEqualTo("red");
        // pip from frame 51 (2.04 s): bob full, alice the corner tile.
        assertThat(p.frame(51).colourAt(480, 240)).isEqualTo("blue");
        assertThat(p.frame(51).colourAt(512, 96)).isEqualTo("red");
    }

    @Test
    void anArchivesCompositionRunsWhileItsRoomGoesOnFromItsOwnRecordingsOverItsWindow() throws Exception {
        String room = sid("RM", 9);
        f.room(room, RoomRecord.IN_PROGRESS);
        String alice =
                f.recording(room, 90, "alice-cam", "video", f.files.vp8("alice9", "red", 320, 240, 4), 0, 4000, false);
        // A screen share whose track name does not say so: the archive's stream knows its type.
        String share = f.recording(
                room, 91, "presentation", "video", f.files.vp8("share9", "blue", 320, 240, 4), 0, 4000, false);
        f.recording(room, 92, "carol-cam", "video", f.files.vp8("carol9", "yellow", 320, 240, 4), 0, 4000, false);
        store.archives().addPart("arch-9", alice, "s-alice");
        store.archives().addPart("arch-9", share, "s-share");
        store.sessions()
                .createStream(new VideoStream(
                        "s-alice",
                        "S9",
                        room,
                        "c-alice",
                        sid("PA", 90),
                        "alice-cam",
                        VideoStream.CAMERA,
                        List.of(),
                        null,
                        sid("MT", 90),
                        clock.instant(),
                        null));
        store.sessions()
                .createStream(new VideoStream(
                        "s-share",
                        "S9",
                        room,
                        "c-alice",
                        sid("PA", 90),
                        "presentation",
                        VideoStream.SCREEN,
                        List.of(),
                        null,
                        sid("MT", 91),
                        clock.instant(),
                        null));
        CompositionSpec spec = new CompositionSpec(
                "{\"type\":\"bestFit\",\"screenshareType\":\"pip\"}",
                List.of(),
                List.of(),
                "640x480",
                "mp4",
                false,
                null,
                "POST",
                "qp:19");
        Composition c = store.compositions()
                .createForArchive(
                        sid("CJ", 9),
                        AC,
                        room,
                        "arch-9",
                        spec,
                        new CompositionWindow(JobFixture.T0 + 1000, JobFixture.T0 + 3000),
                        List.of());
        start(config(ComposerConfig.Isolation.IN_PROCESS));
        f.until(CompositionEvent.AVAILABLE, 90);

        Composition done = store.compositions().find(c.sid()).orElseThrow();
        assertThat(done.durationMs()).as("the window's length").isEqualTo(2000);
        assertThat(store.rooms().find(AC, room).orElseThrow().status()).isEqualTo(RoomRecord.IN_PROGRESS);
        Probe p = new Probe(f.media.pathOf(done.mediaKey()));
        assertThat(p.durationSeconds()).isCloseTo(2.0, within(0.05));
        for (int frame : new int[] {0, 49}) {
            // pip while a screen is shared: the share full size, alice's camera the tile; carol's
            // camera, recorded for the room but not for the archive, nowhere.
            assertThat(p.frame(frame).colourAt(160, 240)).isEqualTo("blue");
            assertThat(p.frame(frame).colourAt(480, 400)).isEqualTo("blue");
            assertThat(p.frame(frame).colourAt(512, 96)).isEqualTo("red");
        }
    }
}
