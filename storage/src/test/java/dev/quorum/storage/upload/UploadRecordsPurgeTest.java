package dev.quorum.storage.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.composition.CompositionSpec;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The upload queue's records of a resource go when the resource itself is purged (its deletion
 * older than the deleted-retention), and stay as long as the resource is remembered.
 */
class UploadRecordsPurgeTest extends StoreTestBase {

    static final String AC = "AC" + "a".repeat(32);
    static final String ROOM = "RM" + "1".repeat(32);

    @Test
    void purgedRecordingsCompositionsAndArchivesTakeTheirUploadRecordsWithThem() {
        String rt = "RT" + "1".repeat(32);
        store.recordings()
                .create(new NewRecording(
                        rt,
                        AC,
                        ROOM,
                        "PA1",
                        "MT1",
                        "mic",
                        "audio",
                        "OPUS",
                        "mka",
                        0L,
                        "recordings/rt.mka",
                        null,
                        null,
                        "node-a"));
        store.recordings().complete(rt, 1000, 10);
        String cj = "CJ" + "1".repeat(32);
        store.compositions()
                .create(
                        cj,
                        AC,
                        ROOM,
                        null,
                        new CompositionSpec(
                                "{\"grid\":{\"video_sources\":[\"*\"]}}",
                                List.of("*"),
                                List.of(),
                                "640x480",
                                "mp4",
                                true,
                                null,
                                "POST"));
        Archive a = store.archives().create(archive());
        store.archives().stop(a.id(), "user initiated", clock.instant());
        store.archives()
                .available(a.id(), "archives/a.zip", 10, "abc", clock.instant().plusSeconds(3600));
        String kept = "RT" + "2".repeat(32);
        for (String[] r :
                new String[][] {{rt, "recording"}, {cj, "composition"}, {a.id(), "archive"}, {kept, "recording"}}) {
            store.uploads()
                    .enqueue(new NewUpload(
                            AC,
                            r[0],
                            r[1],
                            "recordings/" + r[0],
                            "node-a",
                            Destination.SERVER,
                            null,
                            null,
                            null,
                            true,
                            false,
                            Duration.ofHours(1)));
        }

        assertThat(store.recordings().markDeleted(AC, rt)).isPresent();
        assertThat(store.compositions().markDeleted(AC, cj)).isPresent();
        assertThat(store.archives().delete(a.id())).isPresent();
        clock.advance(Duration.ofDays(31));
        store.purgeExpired();
        store.archives().purgeDeletedBefore(clock.instant().minus(Duration.ofDays(30)));

        assertThat(store.recordings().find(rt)).isEmpty();
        assertThat(store.uploads().ofResource(rt)).isEmpty();
        assertThat(store.uploads().ofResource(cj)).isEmpty();
        assertThat(store.uploads().ofResource(a.id())).isEmpty();
        assertThat(store.uploads().ofResource(kept))
                .as("another resource's upload")
                .hasSize(1);
    }

    private Archive archive() {
        Instant at = clock.instant();
        return new Archive(
                UUID.randomUUID().toString(),
                "123456",
                AC,
                "s1",
                ROOM,
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
}
