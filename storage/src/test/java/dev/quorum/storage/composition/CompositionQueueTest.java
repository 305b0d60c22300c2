package dev.quorum.storage.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.storage.DuplicateException;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class CompositionQueueTest extends StoreTestBase {

    static final String AC = "AC" + "1".repeat(32);

    static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    static CompositionSpec grid() {
        return new CompositionSpec(
                "{\"grid\":{\"video_sources\":[\"*\"]}}",
                List.of("*"),
                List.of(),
                "640x480",
                "webm",
                true,
                "https://cb.example/c",
                "POST");
    }

    private void room(int n, String status) {
        store.rooms()
                .upsert(new RoomRecord(
                        sid("RM", n),
                        AC,
                        "r" + n,
                        status,
                        "group",
                        null,
                        "POST",
                        50,
                        Duration.ofHours(4),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        List.of("VP8"),
                        true,
                        "[]",
                        false,
                        false,
                        "us1",
                        false,
                        clock.instant(),
                        clock.instant(),
                        null));
    }

    private Composition enqueue(int n, int room) {
        clock.advance(Duration.ofMillis(10));
        return store.compositions().create(sid("CJ", n), AC, sid("RM", room), null, grid());
    }

    @Test
    void aJobIsReadyOnlyOnceItsRoomEndedAndItsRecordingsAreWritten() {
        room(1, "in-progress");
        Composition c = enqueue(1, 1);
        assertThat(c.status()).isEqualTo(Composition.ENQUEUED);
        assertThat(c.spec()).isEqualTo(grid());
        store.recordings()
                .create(new NewRecording(
                        sid("RT", 1),
                        AC,
                        sid("RM", 1),
                        sid("PA", 1),
                        sid("MT", 1),
                        "mic",
                        "audio",
                        "OPUS",
                        "mka",
                        0L,
                        "recordings/a/" + sid("RT", 1) + ".mka",
                        null,
                        null,
                        "node"));

        assertThat(store.compositions().claimNext("w1")).as("room in progress").isEmpty();
        store.rooms().end(sid("RM", 1), "completed", clock.instant());
        assertThat(store.compositions().claimNext("w1"))
                .as("recording still being written")
                .isEmpty();
        store.recordings().complete(sid("RT", 1), 1000, 100);

        Composition claimed = store.compositions().claimNext("w1").orElseThrow();
        assertThat(claimed.sid()).isEqualTo(c.sid());
        assertThat(claimed.status()).isEqualTo(Composition.PROCESSING);
        assertThat(claimed.claimedBy()).isEqualTo("w1");
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.dateStarted()).isEqualTo(clock.instant());
        assertThat(store.compositions().claimNext("w2")).isEmpty();
    }

    @Test
    void aLiveWorkerTakesACompositionOfARoomInProgressAtOnceAndNothingElse() {
        room(2, "in-progress");
        room(3, "completed");
        Composition running = enqueue(2, 2);
        enqueue(3, 3);
        // An archive's composition of the running room waits for its window, as before.
        store.compositions()
                .createForArchive(
                        sid("CJ", 4), AC, sid("RM", 2), "arch", grid(), new CompositionWindow(0, 1000), List.of());

        store.rooms().recordHost(sid("RM", 2), "node-a");
        assertThat(store.compositions().claimNextLive("node-b-live-1", "node-b"))
                .as("a room another server hosts: its recordings are written there")
                .isEmpty();
        Composition claimed =
                store.compositions().claimNextLive("live-1", "node-a").orElseThrow();
        assertThat(claimed.sid()).isEqualTo(running.sid());
        assertThat(claimed.status()).isEqualTo(Composition.PROCESSING);
        assertThat(claimed.claimedBy()).isEqualTo("live-1");
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(store.compositions().claimNextLive("live-2"))
                .as("the ended room's composition is the workers', the archive's waits")
                .isEmpty();
        assertThat(store.compositions().claimNext("w1").orElseThrow().sid()).isEqualTo(sid("CJ", 3));
    }

    @Test
    void onlyTheClaimingWorkerReportsProgressAndCompletes() {
        room(1, "completed");
        Composition c = enqueue(1, 1);
        store.compositions().claimNext("w1").orElseThrow();
        assertThat(store.compositions().progress(c.sid(), "w2", 50)).isFalse();
        clock.advance(Duration.ofSeconds(3));
        assertThat(store.compositions().progress(c.sid(), "w1", 50)).isTrue();
        Composition mid = store.compositions().find(c.sid()).orElseThrow();
        assertThat(mid.progress()).isEqualTo(50);
        assertThat(mid.heartbeatAt()).isEqualTo(clock.instant());

        assertThat(store.compositions().complete(c.sid(), "w2", 1, 1, 1, "x")).isEmpty();
        Composition done = store.compositions()
                .complete(c.sid(), "w1", 61_000, 1_000_000, 841, "compositions/" + AC + "/" + c.sid() + ".webm")
                .orElseThrow();
        assertThat(done.status()).isEqualTo(Composition.COMPLETED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.bitrate()).isEqualTo(841);
        assertThat(done.dateCompleted()).isEqualTo(clock.instant());
        assertThat(store.compositions().fail(c.sid(), "too late")).isEmpty();
    }

    @Test
    void jobsOfACrashedWorkerGoBackToTheQueue() {
        room(1, "completed");
        Composition a = enqueue(1, 1);
        Composition b = enqueue(2, 1);
        store.compositions().claimNext("crashed").orElseThrow();
        store.compositions().claimNext("other").orElseThrow();
        restart();
        assertThat(store.compositions().requeueClaimedBy("crashed")).isEqualTo(1);
        assertThat(store.compositions().find(a.sid()).orElseThrow().status()).isEqualTo(Composition.ENQUEUED);
        assertThat(store.compositions().enqueuedCount()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(10));
        assertThat(store.compositions().requeueStale(clock.instant().minus(Duration.ofMinutes(5))))
                .isEqualTo(1);
        assertThat(store.compositions().find(b.sid()).orElseThrow().status()).isEqualTo(Composition.ENQUEUED);
        Composition again = store.compositions().claimNext("w3").orElseThrow();
        assertThat(again.sid()).isEqualTo(a.sid());
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        room(1, "completed");
        int jobs = 20;
        for (int i = 0; i < jobs; i++) {
            enqueue(i, 1);
        }
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String name = "w" + w;
            futures.add(pool.submit(() -> {
                go.await();
                for (Optional<Composition> c; (c = store.compositions().claimNext(name)).isPresent(); ) {
                    claimed.add(c.get().sid());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates();
    }

    @Test
    void enqueuedAndCompletedCompositionsCanBeDeletedButNotFailedOrProcessingOnes() {
        room(1, "completed");
        Composition queued = enqueue(1, 1);
        Composition failed = enqueue(2, 1);
        Composition processing = enqueue(3, 1);
        store.compositions().fail(failed.sid(), "no media");
        assertThat(store.compositions().markDeleted(AC, queued.sid())).isPresent();
        store.compositions().claimNext("w").orElseThrow();
        assertThat(store.compositions().markDeleted(AC, failed.sid())).isEmpty();
        assertThat(store.compositions().markDeleted(AC, processing.sid())).isEmpty();
        assertThat(store.compositions().find(queued.sid()).orElseThrow().dateDeleted())
                .isEqualTo(clock.instant());
        assertThat(store.compositions()
                        .list(AC, new CompositionFilter(null, null, null, null), null, 10)
                        .items())
                .extracting(Composition::sid)
                .containsExactly(processing.sid(), failed.sid());
        assertThat(store.compositions()
                        .list(AC, new CompositionFilter("deleted", null, null, null), null, 10)
                        .items())
                .extracting(Composition::sid)
                .containsExactly(queued.sid());
        clock.advance(Duration.ofDays(31));
        assertThat(store.purgeExpired().compositions()).isEqualTo(1);
    }

    /** A recording of the room started now (the store's clock). */
    private void recording(int n, int room) {
        store.recordings()
                .create(new NewRecording(
                        sid("RT", n),
                        AC,
                        sid("RM", room),
                        sid("PA", n),
                        sid("MT", n),
                        "cam",
                        "video",
                        "VP8",
                        "mkv",
                        clock.instant().toEpochMilli(),
                        "recordings/a/" + sid("RT", n) + ".mkv",
                        null,
                        null,
                        "node"));
    }

    @Test
    void anArchivesJobIsReadyWhenItsOwnRecordingsAreWrittenWhileItsRoomGoesOn() {
        room(1, "in-progress");
        long t0 = clock.instant().toEpochMilli();
        recording(1, 1);
        recording(2, 1);
        store.archives().addPart("arch-1", sid("RT", 1), "stream-1");
        store.archives().addPart("arch-2", sid("RT", 2), "stream-2");
        clock.advance(Duration.ofSeconds(5));
        CompositionSpec spec = new CompositionSpec(
                "{\"type\":\"bestFit\"}", List.of("*"), List.of(), "640x480", "mp4", false, null, "POST", "qp:19");
        CompositionWindow window = new CompositionWindow(t0, t0 + 5000);
        Composition c = store.compositions()
                .createForArchive(
                        sid("CJ", 1),
                        AC,
                        sid("RM", 1),
                        "arch-1",
                        spec,
                        window,
                        List.of(new LayoutChange(t0 + 2000, "{\"type\":\"pip\"}")));
        assertThat(c.window()).isEqualTo(window);
        assertThat(c.archiveId()).isEqualTo("arch-1");
        assertThat(c.spec()).isEqualTo(spec);
        assertThat(store.compositions().layoutChanges(c.sid()))
                .containsExactly(new LayoutChange(t0 + 2000, "{\"type\":\"pip\"}"));
        assertThat(store.compositions().ofArchive("arch-1")).contains(c);
        assertThatThrownBy(() -> store.compositions()
                        .createForArchive(sid("CJ", 2), AC, sid("RM", 1), "arch-1", spec, window, List.of()))
                .as("one composition per archive")
                .isInstanceOf(DuplicateException.class);

        assertThat(store.compositions().claimNext("w1"))
                .as("its own recording is still being written")
                .isEmpty();
        store.recordings().complete(sid("RT", 1), 5000, 100);
        recording(3, 1);
        // The room still runs; another archive's recording and one started after the window are still written.
        Composition claimed = store.compositions().claimNext("w1").orElseThrow();
        assertThat(claimed.sid()).isEqualTo(c.sid());
        assertThat(claimed.status()).isEqualTo(Composition.PROCESSING);
    }

    @Test
    void aRunningArchivesJobIsLiveWorkersWorkUntilItsWindowClosesWithTheFinalLayouts() {
        room(1, "in-progress");
        long t0 = clock.instant().toEpochMilli();
        recording(1, 1);
        store.archives().addPart("arch-1", sid("RT", 1), "stream-1");
        CompositionSpec spec = new CompositionSpec(
                "{\"type\":\"bestFit\"}", List.of("*"), List.of(), "640x480", "mp4", false, null, "POST", "qp:19");
        Composition c = store.compositions()
                .createForArchive(
                        sid("CJ", 1), AC, sid("RM", 1), "arch-1", spec, CompositionWindow.open(t0), List.of());
        assertThat(c.window().isOpen()).isTrue();
        assertThat(store.compositions().find(c.sid()).orElseThrow().window()).isEqualTo(CompositionWindow.open(t0));

        assertThat(store.compositions().claimNext("w1"))
                .as("an open window is not composed after the fact")
                .isEmpty();
        Composition live = store.compositions().claimNextLive("live-1").orElseThrow();
        assertThat(live.sid()).isEqualTo(c.sid());
        store.compositions().requeueClaimedBy("live-1");

        List<LayoutChange> changes = List.of(new LayoutChange(t0 + 2000, "{\"type\":\"pip\"}"));
        assertThat(store.compositions().closeWindow(c.sid(), t0 + 5000, changes))
                .isTrue();
        assertThat(store.compositions().closeWindow(c.sid(), t0 + 6000, List.of()))
                .as("closed once")
                .isFalse();
        assertThat(store.compositions().find(c.sid()).orElseThrow().window())
                .isEqualTo(new CompositionWindow(t0, t0 + 5000));
        assertThat(store.compositions().layoutChanges(c.sid())).containsExactly(changes.get(0));
        assertThat(store.compositions().claimNextLive("live-1"))
                .as("a closed window is no live work")
                .isEmpty();
        room(1, "completed");
        assertThat(store.compositions().claimNext("w1"))
                .as("its recording is still being written")
                .isEmpty();
        store.recordings().complete(sid("RT", 1), 5000, 100);
        assertThat(store.compositions().claimNext("w1").orElseThrow().sid()).isEqualTo(c.sid());
    }

    @Test
    void aWindowedJobWithoutArchiveWaitsOnlyForTheRecordingsStartedInItsWindow() {
        room(1, "in-progress");
        long t0 = clock.instant().toEpochMilli();
        recording(1, 1);
        CompositionSpec spec = new CompositionSpec(
                "{\"type\":\"bestFit\"}", List.of(), List.of(), "640x480", "mp4", false, null, "POST");
        store.compositions()
                .createForArchive(
                        sid("CJ", 1), AC, sid("RM", 1), null, spec, new CompositionWindow(t0, t0 + 1000), List.of());
        assertThat(store.compositions().claimNext("w1")).isEmpty();
        store.recordings().complete(sid("RT", 1), 5000, 100);
        clock.advance(Duration.ofMillis(1000));
        recording(2, 1);
        assertThat(store.compositions().claimNext("w1")).isPresent();
    }

    @Test
    void theCompositionsApiDoesNotSeeAnArchivesComposition() {
        room(1, "completed");
        Composition api = enqueue(1, 1);
        long t0 = clock.instant().toEpochMilli();
        Composition archive = store.compositions()
                .createForArchive(
                        sid("CJ", 2),
                        AC,
                        sid("RM", 1),
                        "arch-1",
                        grid(),
                        new CompositionWindow(t0, t0 + 1000),
                        List.of());
        assertThat(store.compositions()
                        .list(AC, new CompositionFilter(null, null, null, null), null, 10)
                        .items())
                .extracting(Composition::sid)
                .containsExactly(api.sid());
        assertThat(store.compositions().find(AC, archive.sid())).isEmpty();
        assertThat(store.compositions().markDeleted(AC, archive.sid())).isEmpty();
        assertThat(store.compositions().find(archive.sid())).isPresent();

        store.compositions().forgetArchive("arch-1");
        assertThat(store.compositions().find(archive.sid()).orElseThrow().status())
                .isEqualTo(Composition.DELETED);
        assertThat(store.compositions().find(api.sid()).orElseThrow().status()).isEqualTo(Composition.ENQUEUED);
    }
}
