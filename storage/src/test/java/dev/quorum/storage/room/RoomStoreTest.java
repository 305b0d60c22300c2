package dev.quorum.storage.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.Page;
import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class RoomStoreTest extends StoreTestBase {

    static final String AC = "AC" + "1".repeat(32);
    static final String OTHER = "AC" + "2".repeat(32);

    static RoomRecord room(String sid, String account, String name, String status, Instant created) {
        return new RoomRecord(
                sid,
                account,
                name,
                status,
                "group",
                "https://cb.example/r",
                "POST",
                50,
                Duration.ofHours(4),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                List.of("VP8", "H264"),
                true,
                "[{\"type\":\"include\",\"all\":true}]",
                false,
                false,
                "us1",
                false,
                created,
                created,
                null);
    }

    static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    @Test
    void roomRoundTripsEveryField() {
        RoomRecord r = room(sid("RM", 1), AC, "daily", "in-progress", clock.instant());
        store.rooms().upsert(r);
        assertThat(store.rooms().find(AC, r.sid())).contains(r);
        assertThat(store.rooms().find(OTHER, r.sid())).isEmpty();
        assertThat(store.rooms().findInProgress(AC, "daily")).contains(r);
    }

    @Test
    void anEndedRoomNeverGoesBackToInProgress() {
        RoomRecord r = room(sid("RM", 1), AC, "daily", "in-progress", clock.instant());
        store.rooms().upsert(r);
        Instant end = clock.instant().plusSeconds(60);
        assertThat(store.rooms().end(r.sid(), "completed", end)).isTrue();
        assertThat(store.rooms().end(r.sid(), "failed", end.plusSeconds(1))).isFalse();
        store.rooms().upsert(r); // a late room-created event
        RoomRecord stored = store.rooms().find(AC, r.sid()).orElseThrow();
        assertThat(stored.status()).isEqualTo("completed");
        assertThat(stored.endTime()).isEqualTo(end);
        assertThat(store.rooms().findInProgress(AC, "daily")).isEmpty();
    }

    @Test
    void listFiltersAndPagesNewestFirst() {
        Instant t0 = clock.instant();
        for (int i = 0; i < 5; i++) {
            store.rooms()
                    .upsert(room(
                            sid("RM", i),
                            AC,
                            "room" + (i % 2),
                            i < 3 ? "completed" : "in-progress",
                            t0.plusSeconds(i)));
        }
        store.rooms().upsert(room(sid("RM", 99), OTHER, "room0", "completed", t0));

        Page<RoomRecord> all = store.rooms().list(AC, new RoomFilter(null, null, null, null), null, 10);
        assertThat(all.items())
                .extracting(RoomRecord::sid)
                .containsExactly(sid("RM", 4), sid("RM", 3), sid("RM", 2), sid("RM", 1), sid("RM", 0));

        RoomFilter completedRoom0 = new RoomFilter("completed", "room0", null, null);
        assertThat(store.rooms().list(AC, completedRoom0, null, 10).items())
                .extracting(RoomRecord::sid)
                .containsExactly(sid("RM", 2), sid("RM", 0));

        RoomFilter window = new RoomFilter(null, null, t0.plusSeconds(1), t0.plusSeconds(3));
        assertThat(store.rooms().list(AC, window, null, 10).items())
                .extracting(RoomRecord::sid)
                .containsExactly(sid("RM", 2), sid("RM", 1));

        Page<RoomRecord> p1 = store.rooms().list(AC, new RoomFilter(null, null, null, null), null, 2);
        store.rooms().upsert(room(sid("RM", 50), AC, "new", "in-progress", t0.plusSeconds(100)));
        Page<RoomRecord> p2 = store.rooms()
                .list(AC, new RoomFilter(null, null, null, null), p1.next().orElseThrow(), 2);
        Page<RoomRecord> p3 = store.rooms()
                .list(AC, new RoomFilter(null, null, null, null), p2.next().orElseThrow(), 2);
        assertThat(p2.items()).extracting(RoomRecord::sid).containsExactly(sid("RM", 2), sid("RM", 1));
        assertThat(p3.items()).extracting(RoomRecord::sid).containsExactly(sid("RM", 0));
        assertThat(p3.next()).isEmpty();
    }

    @Test
    void participantsKeepTheirHistory() {
        String rm = sid("RM", 1);
        Instant t0 = clock.instant();
        ParticipantRecord alice = new ParticipantRecord(sid("PA", 1), rm, AC, "alice", "connected", t0, null, t0, t0);
        ParticipantRecord bob = new ParticipantRecord(
                sid("PA", 2),
                rm,
                AC,
                "bob",
                "connected",
                t0.plusSeconds(1),
                null,
                t0.plusSeconds(1),
                t0.plusSeconds(1));
        store.participants().upsert(alice);
        store.participants().upsert(bob);
        store.participants()
                .upsert(new ParticipantRecord(
                        alice.sid(), rm, AC, "alice", "disconnected", t0, t0.plusSeconds(30), t0, null));
        store.participants().upsert(alice); // late "connected" snapshot must not resurrect her

        ParticipantRecord stored =
                store.participants().find(AC, rm, alice.sid()).orElseThrow();
        assertThat(stored.status()).isEqualTo("disconnected");
        assertThat(stored.endTime()).isEqualTo(t0.plusSeconds(30));
        assertThat(store.participants()
                        .list(AC, rm, new ParticipantFilter("connected", null, null, null), null, 10)
                        .items())
                .extracting(ParticipantRecord::identity)
                .containsExactly("bob");
        assertThat(store.participants()
                        .list(AC, rm, new ParticipantFilter(null, "alice", null, null), null, 10)
                        .items())
                .hasSize(1);
        assertThat(store.participants().disconnectAll(rm, t0.plusSeconds(60))).isEqualTo(1);
        assertThat(store.participants().find(OTHER, rm, bob.sid())).isEmpty();
    }

    @Test
    void unpublishedTracksStayInHistory() {
        String rm = sid("RM", 1);
        String pa = sid("PA", 1);
        Instant t0 = clock.instant();
        TrackRecord mic = new TrackRecord(sid("MT", 1), rm, pa, AC, "mic", "audio", "opus", true, true, t0, t0, null);
        TrackRecord cam = new TrackRecord(
                sid("MT", 2),
                rm,
                pa,
                AC,
                "cam",
                "video",
                "VP8",
                true,
                true,
                t0.plusSeconds(1),
                t0.plusSeconds(1),
                null);
        store.tracks().upsert(mic);
        store.tracks().upsert(cam);
        store.tracks()
                .upsert(new TrackRecord(
                        mic.sid(), rm, pa, AC, "mic", "audio", null, false, false, t0, null, t0.plusSeconds(5)));
        store.tracks().upsert(mic); // late snapshot

        assertThat(store.tracks().list(AC, pa, true, null, 10).items())
                .extracting(TrackRecord::name)
                .containsExactly("cam");
        TrackRecord removed = store.tracks().find(AC, pa, mic.sid()).orElseThrow();
        assertThat(removed.published()).isFalse();
        assertThat(removed.codec()).isEqualTo("opus");
        assertThat(removed.dateRemoved()).isEqualTo(t0.plusSeconds(5));
        assertThat(store.tracks().ofRoom(rm)).hasSize(2);
        assertThat(store.tracks().unpublishAll(rm, t0.plusSeconds(9))).isEqualTo(1);
    }

    @Test
    void aServerFindsOnlyItsOwnRoomsStillInProgress() {
        Instant t0 = clock.instant();
        RoomRecord mine = room(sid("RM", 1), AC, "mine", "in-progress", t0);
        RoomRecord ended = room(sid("RM", 2), AC, "ended", "in-progress", t0.plusSeconds(1));
        RoomRecord theirs = room(sid("RM", 3), OTHER, "theirs", "in-progress", t0.plusSeconds(2));
        for (RoomRecord r : List.of(mine, ended, theirs)) {
            store.rooms().upsert(r);
        }
        store.rooms().recordHost(mine.sid(), "sfu-a");
        store.rooms().recordHost(ended.sid(), "sfu-a");
        store.rooms().recordHost(theirs.sid(), "sfu-b");
        // Another server cannot take over a room already hosted.
        store.rooms().recordHost(mine.sid(), "sfu-b");
        store.rooms().end(ended.sid(), "completed", t0.plusSeconds(60));

        restart();
        assertThat(store.rooms().inProgressHostedBy("sfu-a"))
                .singleElement()
                .isEqualTo(store.rooms().find(mine.sid()).orElseThrow());
        assertThat(store.rooms().inProgressHostedBy("sfu-b"))
                .extracting(RoomRecord::sid)
                .containsExactly(theirs.sid());
        assertThat(store.rooms().inProgressHostedBy("sfu-c")).isEmpty();
    }
}
