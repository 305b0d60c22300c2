package dev.quorum.storage.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class RecordingStoreTest extends StoreTestBase {

    static final String AC = "AC" + "1".repeat(32);
    static final String RM = "RM" + "1".repeat(32);
    static final String PA = "PA" + "1".repeat(32);

    static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    static NewRecording audio(int n, String room, String participant) {
        return new NewRecording(
                sid("RT", n),
                AC,
                room,
                participant,
                sid("MT", n),
                "mic" + n,
                "audio",
                "OPUS",
                "mka",
                1500L,
                "recordings/" + AC + "/" + room + "/" + sid("RT", n) + ".mka",
                "https://cb.example/r",
                "POST",
                "node-a");
    }

    @Test
    void recordingGoesFromProcessingToCompletedOnce() {
        Recording r = store.recordings().create(audio(1, RM, PA));
        assertThat(r.status()).isEqualTo(Recording.PROCESSING);
        assertThat(r.sizeBytes()).isZero();
        assertThat(r.durationMs()).isNull();

        clock.advance(Duration.ofSeconds(2));
        assertThat(store.recordings().markFlushed(r.sid(), clock.instant(), 4096))
                .isTrue();
        assertThat(store.recordings().find(r.sid()).orElseThrow().lastFlushAt()).isEqualTo(clock.instant());

        Recording done = store.recordings().complete(r.sid(), 12_345, 8192).orElseThrow();
        assertThat(done.status()).isEqualTo(Recording.COMPLETED);
        assertThat(done.durationMs()).isEqualTo(12_345);
        assertThat(done.sizeBytes()).isEqualTo(8192);
        assertThat(done.dateCompleted()).isEqualTo(clock.instant());
        assertThat(done.offsetMs()).isEqualTo(1500);

        assertThat(store.recordings().complete(r.sid(), 1, 1)).isEmpty();
        assertThat(store.recordings().fail(r.sid(), "late failure")).isEmpty();
        assertThat(store.recordings().markFlushed(r.sid(), clock.instant(), 1)).isFalse();
    }

    @Test
    void writerFindsWhatItLeftProcessingAfterACrash() {
        store.recordings().create(audio(1, RM, PA));
        store.recordings().create(audio(2, RM, PA));
        store.recordings().complete(sid("RT", 2), 1000, 10);
        restart();
        assertThat(store.recordings().processingOn("node-a"))
                .extracting(Recording::sid)
                .containsExactly(sid("RT", 1));
        assertThat(store.recordings().processingOn("node-b")).isEmpty();
        Recording failed = store.recordings()
                .fail(sid("RT", 1), "server stopped while recording")
                .orElseThrow();
        assertThat(failed.failureReason()).isEqualTo("server stopped while recording");
    }

    @Test
    void listFiltersByStatusSourceGroupingTypeAndDates() {
        String rm2 = sid("RM", 2);
        String pa2 = sid("PA", 2);
        Instant t0 = clock.instant();
        store.recordings().create(audio(1, RM, PA));
        clock.advance(Duration.ofSeconds(1));
        store.recordings().create(audio(2, RM, pa2));
        clock.advance(Duration.ofSeconds(1));
        store.recordings()
                .create(new NewRecording(
                        sid("RT", 3),
                        AC,
                        rm2,
                        PA,
                        sid("MT", 3),
                        "cam",
                        "video",
                        "VP8",
                        "mkv",
                        null,
                        "recordings/x/" + sid("RT", 3) + ".mkv",
                        null,
                        null,
                        "node-a"));
        store.recordings().complete(sid("RT", 1), 1000, 10);
        store.recordings().complete(sid("RT", 3), 1000, 10);

        var any = RecordingFilter.any();
        assertThat(store.recordings().list(AC, any, null, 10).items())
                .extracting(Recording::sid)
                .containsExactly(sid("RT", 3), sid("RT", 2), sid("RT", 1));
        assertThat(store.recordings()
                        .list(AC, new RecordingFilter("completed", null, null, List.of(), null, null, null), null, 10)
                        .items())
                .extracting(Recording::sid)
                .containsExactly(sid("RT", 3), sid("RT", 1));
        assertThat(store.recordings()
                        .list(AC, new RecordingFilter(null, sid("MT", 2), null, List.of(), null, null, null), null, 10)
                        .items())
                .extracting(Recording::sid)
                .containsExactly(sid("RT", 2));
        assertThat(store.recordings()
                        .list(AC, new RecordingFilter(null, null, null, List.of(RM, PA), null, null, null), null, 10)
                        .items())
                .extracting(Recording::sid)
                .containsExactly(sid("RT", 1));
        assertThat(store.recordings()
                        .list(AC, new RecordingFilter(null, null, null, List.of(PA), null, null, null), null, 10)
                        .items())
                .extracting(Recording::sid)
                .containsExactly(sid("RT", 3), sid("RT", 1));
        assertThat(store.recordings()
                        .list(AC, new RecordingFilter(null, null, null, List.of(), "video", null, null), null, 10)
                        .items())
                .extracting(Recording::sid)
                .containsExactly(sid("RT", 3));
        assertThat(store.recordings()
                        .list(
                                AC,
                                new RecordingFilter(
                                        null, null, RM, List.of(), null, t0.plusSeconds(1), t0.plusSeconds(2)),
                                null,
                                10)
                        .items())
                .extracting(Recording::sid)
                .containsExactly(sid("RT", 2));
        assertThat(store.recordings().list("AC" + "9".repeat(32), any, null, 10).items())
                .isEmpty();
    }

    @Test
    void deletedRecordingsAreHiddenKeptAndPurgedAfterRetention() {
        store.recordings().create(audio(1, RM, PA));
        assertThat(store.recordings().markDeleted(AC, sid("RT", 1)))
                .as("processing cannot be deleted")
                .isEmpty();
        store.recordings().complete(sid("RT", 1), 1000, 10);
        assertThat(store.recordings().markDeleted("AC" + "9".repeat(32), sid("RT", 1)))
                .isEmpty();
        Recording before = store.recordings().markDeleted(AC, sid("RT", 1)).orElseThrow();
        assertThat(before.status()).isEqualTo(Recording.COMPLETED);
        assertThat(before.mediaKey()).endsWith(".mka");
        assertThat(store.recordings().markDeleted(AC, sid("RT", 1))).isEmpty();

        Recording deleted = store.recordings().find(AC, sid("RT", 1)).orElseThrow();
        assertThat(deleted.status()).isEqualTo(Recording.DELETED);
        assertThat(deleted.dateDeleted()).isEqualTo(clock.instant());
        assertThat(store.recordings().list(AC, RecordingFilter.any(), null, 10).items())
                .isEmpty();
        assertThat(store.recordings()
                        .list(AC, new RecordingFilter("deleted", null, null, List.of(), null, null, null), null, 10)
                        .items())
                .hasSize(1);

        clock.advance(Duration.ofDays(29));
        assertThat(store.purgeExpired().recordings()).isZero();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(store.purgeExpired().recordings()).isEqualTo(1);
        assertThat(store.recordings().find(sid("RT", 1))).isEmpty();
    }

    @Test
    void packetCountsAreUnknownUntilStoredAndSurviveARestart() {
        Recording r = store.recordings().create(audio(1, RM, PA));
        assertThat(r.packetsLost()).isNull();
        assertThat(r.packetsDropped()).isNull();
        store.recordings().complete(r.sid(), 5000, 4096);
        assertThat(store.recordings().setPacketCounts(r.sid(), 7, 3)).isTrue();
        assertThat(store.recordings().setPacketCounts(sid("RT", 99), 1, 1)).isFalse();

        Recording stored = restart().recordings().find(r.sid()).orElseThrow();
        assertThat(stored.packetsLost()).isEqualTo(7L);
        assertThat(stored.packetsDropped()).isEqualTo(3L);
        assertThat(stored.status()).isEqualTo(Recording.COMPLETED);
    }

    @Test
    void aRecordingWithoutACallbackTakesItsRoomsCallback() {
        store.rooms()
                .upsert(new dev.quorum.storage.room.RoomRecord(
                        RM,
                        AC,
                        "daily",
                        "in-progress",
                        "group",
                        "https://cb.example/room",
                        "GET",
                        50,
                        java.time.Duration.ofHours(4),
                        java.time.Duration.ofMinutes(5),
                        java.time.Duration.ofMinutes(5),
                        java.util.List.of("VP8"),
                        true,
                        "[]",
                        false,
                        false,
                        "us1",
                        false,
                        clock.instant(),
                        clock.instant(),
                        null));
        NewRecording a = audio(1, RM, PA);
        // The recorder does not know the room's callback.
        Recording inRoom = store.recordings()
                .create(new NewRecording(
                        a.sid(),
                        a.accountSid(),
                        a.roomSid(),
                        a.participantSid(),
                        a.sourceSid(),
                        a.trackName(),
                        a.type(),
                        a.codec(),
                        a.containerFormat(),
                        a.offsetMs(),
                        a.mediaKey(),
                        null,
                        null,
                        a.writerNode()));
        assertThat(inRoom.statusCallback()).isEqualTo("https://cb.example/room");
        assertThat(inRoom.statusCallbackMethod()).isEqualTo("GET");
        Recording own = store.recordings().create(audio(2, RM, PA));
        assertThat(own.statusCallback()).isEqualTo("https://cb.example/r");
        assertThat(own.statusCallbackMethod()).isEqualTo("POST");
    }
}
