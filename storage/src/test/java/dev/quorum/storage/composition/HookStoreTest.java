package dev.quorum.storage.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.storage.DuplicateException;
import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class HookStoreTest extends StoreTestBase {

    static final String AC = "AC" + "1".repeat(32);
    static final String OTHER = "AC" + "2".repeat(32);

    static String sid(int n) {
        return "HK" + String.format("%032x", n);
    }

    static CompositionSpec audioOnly() {
        return new CompositionSpec(
                "{}", List.of("student*"), List.of("advisor"), "640x480", "mp4", false, null, "POST");
    }

    @Test
    void hooksAreCreatedReplacedListedAndDeleted() {
        CompositionHook h = store.hooks().create(sid(1), AC, "Grid_50%", true, CompositionQueueTest.grid());
        assertThat(h.dateUpdated()).isNull();
        clock.advance(Duration.ofSeconds(1));
        store.hooks().create(sid(2), AC, "audio hook", false, audioOnly());
        store.hooks().create(sid(3), OTHER, "Grid elsewhere", true, audioOnly());

        assertThatThrownBy(() -> store.hooks().create(sid(4), AC, "Grid_50%", true, audioOnly()))
                .isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> store.hooks().replace(AC, sid(2), "Grid_50%", true, audioOnly()))
                .isInstanceOf(DuplicateException.class);

        assertThat(store.hooks()
                        .list(AC, new HookFilter(null, "grid*", null, null), null, 10)
                        .items())
                .extracting(CompositionHook::sid)
                .containsExactly(sid(1));
        assertThat(store.hooks()
                        .list(AC, new HookFilter(null, "*_50%", null, null), null, 10)
                        .items())
                .extracting(CompositionHook::sid)
                .containsExactly(sid(1));
        assertThat(store.hooks()
                        .list(AC, new HookFilter(null, "*x50%", null, null), null, 10)
                        .items())
                .isEmpty();
        assertThat(store.hooks()
                        .list(AC, new HookFilter(false, null, null, null), null, 10)
                        .items())
                .extracting(CompositionHook::sid)
                .containsExactly(sid(2));
        assertThat(store.hooks().enabledFor(AC))
                .extracting(CompositionHook::sid)
                .containsExactly(sid(1));

        clock.advance(Duration.ofSeconds(1));
        CompositionHook replaced =
                store.hooks().replace(AC, sid(1), "renamed", false, audioOnly()).orElseThrow();
        assertThat(replaced.spec()).isEqualTo(audioOnly());
        assertThat(replaced.dateUpdated()).isEqualTo(clock.instant());
        assertThat(store.hooks().replace(OTHER, sid(1), "x", true, audioOnly())).isEmpty();

        assertThat(store.hooks().delete(OTHER, sid(1))).isFalse();
        assertThat(store.hooks().delete(AC, sid(1))).isTrue();
        restart();
        assertThat(store.hooks().find(AC, sid(1))).isEmpty();
        assertThat(store.hooks().find(AC, sid(2))).isPresent();
    }

    @Test
    void roomsWaitingForTheirRecordingsSurviveARestartUntilDone() {
        String first = "RM" + "1".repeat(32);
        String second = "RM" + "2".repeat(32);
        store.hooks().await(first, AC);
        clock.advance(Duration.ofSeconds(1));
        store.hooks().await(second, OTHER);
        store.hooks().await(first, AC); // a repeated room-ended event

        assertThat(restart().hooks().waiting()).containsExactly(new HookWait(first, AC), new HookWait(second, OTHER));
        store.hooks().doneWaiting(first);
        assertThat(store.hooks().waiting()).containsExactly(new HookWait(second, OTHER));
    }
}
