package dev.quorum.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class ArchiveStoreTest extends StoreTestBase {

    private static final String PROJECT = "123456";
    private static final String AC = "AC" + "a".repeat(32);

    private Archive archive(String session, Instant at) {
        return new Archive(
                UUID.randomUUID().toString(),
                PROJECT,
                AC,
                session,
                "RM" + "1".repeat(32),
                "n",
                Archive.STARTED,
                "",
                Archive.COMPOSED,
                Archive.AUTO,
                true,
                true,
                "640x480",
                "{\"type\":\"bestFit\"}",
                null,
                null,
                null,
                false,
                at,
                null,
                null,
                at,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                at,
                null);
    }

    @Test
    void theStatusMachineCountsRecordedTimeOnlyWhileStartedAndRecording() {
        Instant t0 = clock.instant();
        Archive a = store.archives().create(archive("s1", t0));
        assertThat(store.archives().pause(a.id(), t0.plusSeconds(1)))
                .as("nothing recorded yet: not paused")
                .isEmpty();
        assertThat(store.archives().beginRecording(a.id(), t0.plusSeconds(2)))
                .get()
                .extracting(Archive::dateRecording)
                .isEqualTo(t0.plusSeconds(2));
        assertThat(store.archives().pause(a.id(), t0.plusSeconds(12)))
                .get()
                .extracting(Archive::status)
                .isEqualTo(Archive.PAUSED);
        Archive resumed = store.archives().resume(a.id(), t0.plusSeconds(40)).orElseThrow();
        assertThat(resumed.recordedMs()).isEqualTo(10_000);
        assertThat(resumed.recordedAt(t0.plusSeconds(45))).isEqualTo(Duration.ofSeconds(15));
        Archive stopped = store.archives()
                .stop(a.id(), "user initiated", t0.plusSeconds(50))
                .orElseThrow();
        assertThat(stopped.status()).isEqualTo(Archive.STOPPED);
        assertThat(stopped.recordedMs()).isEqualTo(20_000);
        assertThat(stopped.durationMs()).isEqualTo(48_000);
        assertThat(stopped.reason()).isEqualTo("user initiated");
        assertThat(store.archives().stop(a.id(), "again", t0.plusSeconds(51)))
                .as("stopping twice")
                .isEmpty();
        assertThat(store.archives().delete(a.id()))
                .as("only available archives can be deleted")
                .isEmpty();
        Archive available = store.archives()
                .available(a.id(), "archives/k.mp4", 42, "abc", t0.plusSeconds(100))
                .orElseThrow();
        assertThat(available.sizeBytes()).isEqualTo(42);
        assertThat(store.archives().expire(t0.plusSeconds(99))).isEmpty();
        assertThat(store.archives().expire(t0.plusSeconds(100)))
                .extracting(Archive::status)
                .containsExactly(Archive.EXPIRED);
        assertThat(store.archives().delete(a.id())).isEmpty();
    }

    @Test
    void listsNewestFirstWithTheTotalAndWithoutDeletedArchives() {
        Instant t0 = clock.instant();
        Archive first = store.archives().create(archive("s1", t0));
        Archive second = store.archives().create(archive("s2", t0.plusSeconds(1)));
        Archive third = store.archives().create(archive("s1", t0.plusSeconds(2)));
        ArchiveStore.Listed all = store.archives().list(PROJECT, null, 0, 2);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).extracting(Archive::id).containsExactly(third.id(), second.id());
        assertThat(store.archives().list(PROJECT, null, 2, 2).items())
                .extracting(Archive::id)
                .containsExactly(first.id());
        assertThat(store.archives().list(PROJECT, "s1", 0, 50).items())
                .extracting(Archive::id)
                .containsExactly(third.id(), first.id());
        store.archives().stop(third.id(), "user initiated", t0.plusSeconds(3));
        store.archives().available(third.id(), "k", 1, "", t0.plusSeconds(99));
        store.archives().delete(third.id()).orElseThrow();
        assertThat(store.archives().list(PROJECT, null, 0, 50).total()).isEqualTo(2);
        assertThat(store.archives().list("654321", null, 0, 50).total()).isZero();
    }

    @Test
    void keepsTheLayoutTimelineAndTheHandPickedStreams() {
        Instant t0 = clock.instant();
        Archive a = store.archives().create(archive("s1", t0));
        store.archives()
                .changeLayout(a.id(), "{\"type\":\"pip\"}", t0.plusSeconds(5))
                .orElseThrow();
        assertThat(store.archives().layouts(a.id()))
                .extracting(ArchiveLayoutChange::seq, ArchiveLayoutChange::layout)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "{\"type\":\"bestFit\"}"),
                        org.assertj.core.groups.Tuple.tuple(1, "{\"type\":\"pip\"}"));
        assertThat(store.archives().find(a.id()).orElseThrow().layout()).isEqualTo("{\"type\":\"pip\"}");
        assertThat(store.archives().select(a.id(), "st", true, true, t0)).isTrue();
        assertThat(store.archives().select(a.id(), "st", true, true, t0.plusSeconds(1)))
                .as("same media again")
                .isFalse();
        assertThat(store.archives().select(a.id(), "st", true, false, t0.plusSeconds(2)))
                .isTrue();
        assertThat(store.archives().selected(a.id()))
                .extracting(ArchiveStreamSelection::hasVideo)
                .containsExactly(false);
        assertThat(store.archives().deselect(a.id(), "st", t0.plusSeconds(3))).isTrue();
        assertThat(store.archives().deselect(a.id(), "st", t0.plusSeconds(4))).isFalse();
        assertThat(store.archives().selected(a.id())).isEmpty();
        store.archives().stop(a.id(), "user initiated", t0.plusSeconds(6));
        assertThat(store.archives().changeLayout(a.id(), "{}", t0.plusSeconds(7)))
                .as("layout of a stopped archive")
                .isEmpty();
    }

    @Test
    void projectsFollowTheConfiguration() {
        VideoProject p = new VideoProject(
                PROJECT,
                VideoProject.OPENTOK,
                AC,
                "secret",
                null,
                "VP8",
                null,
                "secret",
                VideoProject.CONFIGURED,
                true,
                null,
                null);
        store.projects().syncConfigured(List.of(p));
        assertThat(store.projects().find(PROJECT))
                .get()
                .extracting(VideoProject::enabled)
                .isEqualTo(true);
        store.projects().syncConfigured(List.of());
        assertThat(store.projects().find(PROJECT))
                .get()
                .extracting(VideoProject::enabled)
                .isEqualTo(false);
        assertThat(restart().projects().find(PROJECT)).isPresent();
    }
}
