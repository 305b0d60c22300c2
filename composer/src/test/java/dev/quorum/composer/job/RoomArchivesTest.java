package dev.quorum.composer.job;

import static dev.quorum.composer.job.JobFixture.AC;
import static dev.quorum.composer.job.JobFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.testing.StoreTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A room's individual archive in the media store, on SQLite and PostgreSQL. */
@Tag("slow")
class RoomArchivesTest extends StoreTestBase {

    JobFixture f;
    RoomArchives archives;
    String room = sid("RM", 21);

    @BeforeEach
    void fixture() throws Exception {
        f = new JobFixture(store, dir, clock);
        archives = new RoomArchives(store, f.media, dir.resolve("scratch"));
        f.room(room, RoomRecord.IN_PROGRESS);
        // The fixture's recording n belongs to participant PA…n.
        store.participants()
                .upsert(new ParticipantRecord(
                        sid("PA", 2),
                        room,
                        AC,
                        "alice",
                        "connected",
                        clock.instant(),
                        null,
                        clock.instant(),
                        clock.instant()));
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void anEndedRoomsArchiveHoldsEveryRecordingAndAManifest() throws Exception {
        String mic = f.recording(room, 1, "mic", "audio", f.files.garbage("a.mka", 1234), 0, 4000, false);
        String cam = f.recording(room, 2, "cam", "video", f.files.garbage("b.mkv", 5678), 500, 3000, true);
        assertThat(archives.archive(AC, room)).as("room in progress").isEmpty();
        f.endRoom(room);
        assertThat(archives.archive(AC, room))
                .as("a recording is still being written")
                .isEmpty();
        store.recordings().complete(cam, 3000, 5678);

        String key = archives.archive(AC, room).orElseThrow();
        assertThat(key).isEqualTo("archives/" + AC + "/" + room + ".zip");
        Map<String, Long> sizes = new HashMap<>();
        JsonNode manifest;
        try (ZipFile zip = new ZipFile(
                f.media.open(key).orElseThrow().localPath().orElseThrow().toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                sizes.put(e.getName(), e.getSize());
            }
            manifest = new ObjectMapper()
                    .readTree(new String(
                            zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(sizes)
                .containsEntry(sid("MT", 1) + ".mka", 1234L)
                .containsEntry(sid("MT", 2) + ".mkv", 5678L)
                .containsKey("manifest.json")
                .hasSize(3);
        assertThat(manifest.get("sessionId").asText()).isEqualTo(room);
        assertThat(manifest.get("partnerId").asText()).isEqualTo(AC);
        assertThat(manifest.get("files")).hasSize(2);
        JsonNode camFile = manifest.get("files").get(1);
        assertThat(camFile.get("filename").asText()).isEqualTo(sid("MT", 2) + ".mkv");
        assertThat(camFile.get("startTimeOffset").asLong()).isEqualTo(500);
        assertThat(camFile.get("stopTimeOffset").asLong()).isEqualTo(3500);
        assertThat(camFile.get("connectionData").asText()).isEqualTo("alice");
        assertThat(camFile.get("videoType").asText()).isEqualTo("camera");

        // Asked again, the same file is served; once a recording is deleted, it is rebuilt without it.
        long built = Files.getLastModifiedTime(path(key)).toMillis();
        assertThat(archives.archive(AC, room)).contains(key);
        assertThat(Files.getLastModifiedTime(path(key)).toMillis()).isEqualTo(built);
        store.recordings().markDeleted(AC, mic);
        archives.archive(AC, room).orElseThrow();
        try (ZipFile zip = new ZipFile(path(key).toFile())) {
            assertThat(zip.getEntry(sid("MT", 1) + ".mka")).isNull();
            assertThat(zip.getEntry(sid("MT", 2) + ".mkv")).isNotNull();
        }
        assertThat(store.recordings().find(mic).orElseThrow().status()).isEqualTo(Recording.DELETED);
    }

    @Test
    void aRoomThatRecordedNothingHasNoArchive() throws Exception {
        f.endRoom(room);
        assertThat(archives.archive(AC, room)).isEmpty();
        assertThat(archives.archive("AC" + "f".repeat(32), room))
                .as("another account's room")
                .isEmpty();
    }

    private Path path(String key) throws IOException {
        return f.media.open(key).orElseThrow().localPath().orElseThrow();
    }
}
