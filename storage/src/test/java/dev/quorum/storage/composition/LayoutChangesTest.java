package dev.quorum.storage.composition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A composition's layout changes and its rate control, and a room's stream classes over time. */
@Tag("slow")
class LayoutChangesTest extends StoreTestBase {

    static final String AC = "AC" + "1".repeat(32);
    static final String RM = "RM" + "2".repeat(32);
    static final String CJ = "CJ" + "3".repeat(32);
    static final String BEST_FIT = "{\"type\":\"bestFit\"}";

    static CompositionSpec archive() {
        return new CompositionSpec(BEST_FIT, List.of("*"), List.of(), "1280x720", "mp4", true, null, "POST", "qp:19");
    }

    @Test
    void changesAreKeptInTheOrderMadeWithTheSpecAndRateControl() {
        Composition c = store.compositions().create(CJ, AC, RM, null, archive());
        assertThat(c.spec()).isEqualTo(archive());
        assertThat(c.spec().videoRateControl()).isEqualTo("qp:19");
        assertThat(store.compositions().layoutChanges(CJ)).isEmpty();

        assertThat(store.compositions().appendLayout(CJ, 1_763_000_005_000L, "{\"type\":\"pip\"}"))
                .isTrue();
        assertThat(store.compositions().appendLayout(CJ, 1_763_000_002_000L, "{\"type\":\"verticalPresentation\"}"))
                .isTrue();
        restart();
        assertThat(store.compositions().layoutChanges(CJ))
                .containsExactly(
                        new LayoutChange(1_763_000_005_000L, "{\"type\":\"pip\"}"),
                        new LayoutChange(1_763_000_002_000L, "{\"type\":\"verticalPresentation\"}"));
        assertThat(store.compositions().find(CJ).orElseThrow().spec()).isEqualTo(archive());
    }

    @Test
    void aCompositionWithoutRateControlReadsBackNull() {
        CompositionSpec plain =
                new CompositionSpec("{}", List.of("*"), List.of(), "640x480", "webm", true, null, "POST");
        assertThat(store.compositions().create(CJ, AC, RM, null, plain).spec().videoRateControl())
                .isNull();
    }

    @Test
    void onlyAnEnqueuedCompositionTakesChanges() {
        assertThat(store.compositions().appendLayout(CJ, 1, BEST_FIT))
                .as("unknown")
                .isFalse();
        store.compositions().create(CJ, AC, RM, null, archive());
        store.compositions().fail(CJ, "gone");
        assertThat(store.compositions().appendLayout(CJ, 1, BEST_FIT))
                .as("failed")
                .isFalse();
        assertThat(store.compositions().layoutChanges(CJ)).isEmpty();
    }

    @Test
    void concurrentChangesAreAllKept() throws Exception {
        store.compositions().create(CJ, AC, RM, null, archive());
        int threads = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * 1000;
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    assertThat(store.compositions().appendLayout(CJ, base + i, "{\"type\":\"pip\"}"))
                            .isTrue();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        List<LayoutChange> changes = store.compositions().layoutChanges(CJ);
        assertThat(changes).hasSize(threads * each);
        // Each thread's changes keep the order that thread made them in.
        for (int t = 0; t < threads; t++) {
            long base = t * 1000L;
            assertThat(changes.stream().mapToLong(LayoutChange::atMs).filter(a -> a >= base && a < base + each))
                    .isSorted();
        }
    }

    @Test
    void purgingADeletedCompositionDropsItsChanges() {
        store.compositions().create(CJ, AC, RM, null, archive());
        store.compositions().appendLayout(CJ, 5, "{\"type\":\"pip\"}");
        store.compositions().markDeleted(AC, CJ).orElseThrow();
        clock.advance(Duration.ofDays(2));
        assertThat(store.compositions().purgeDeletedBefore(clock.instant().minus(Duration.ofDays(1))))
                .isEqualTo(1);
        assertThat(store.compositions().layoutChanges(CJ)).isEmpty();
    }

    @Test
    void streamClassesAreARoomsHistory() {
        String mt1 = "MT" + "a".repeat(32);
        String mt2 = "MT" + "b".repeat(32);
        StreamClassStore classes = store.streamClasses();
        assertThat(classes.current(RM, mt1)).isEmpty();
        classes.append(RM, mt1, 1000, List.of("full"));
        classes.append(RM, mt2, 1500, List.of("focus", "speaker"));
        classes.append(RM, mt1, 2000, List.of());
        classes.append("RM" + "9".repeat(32), mt1, 2500, List.of("other-room"));
        restart();
        assertThat(store.streamClasses().ofRoom(RM))
                .containsExactly(
                        new StreamClassChange(mt1, 1000, List.of("full")),
                        new StreamClassChange(mt2, 1500, List.of("focus", "speaker")),
                        new StreamClassChange(mt1, 2000, List.of()));
        assertThat(store.streamClasses().current(RM, mt1)).contains(List.of());
        assertThat(store.streamClasses().current(RM, mt2)).contains(List.of("focus", "speaker"));
    }
}
