package dev.quorum.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.server.recording.MediaProbe.Gap;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing what a live room records, through the REST API, while Chromium publishes: recording
 * rules start and stop Recordings per track (a track excluded then included again gets a new
 * Recording per segment); pausing the room's recording, or a publisher muting a track, leaves a gap
 * in the same file, as long as the pause or mute, with no frame in it; ending the room completes its
 * Recordings up to the end.
 *
 * <p>Instants are read from this machine's clock, which the server and the browser share: a rule
 * change or pause takes effect between the REST call's start and its answer (a few milliseconds).
 */
@RunsAlone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class RecordingControlTest {

    static final long PHASE = 1500;
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path data;

    RecordingServer s;

    @BeforeAll
    void start() throws Exception {
        s = new RecordingServer(data);
    }

    @AfterEach
    void tabs() {
        s.closeTabs();
    }

    @AfterAll
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void recordingRulesChangedMidRoomStartAndStopRecordingsPerTrack() throws Exception {
        String roomSid = s.createRoom("UniqueName", "rules-room").getString("sid");
        Publisher alice = s.join("rules-room", "alice");
        Publisher bob = s.join("rules-room", "bob");
        Thread.sleep(PHASE);
        assertThat(s.rest.recordings(roomSid))
                .as("no rule includes anything yet")
                .isEmpty();

        long audioOnly = rules(roomSid, "[{\"type\":\"include\",\"kind\":\"audio\"}]");
        List<JsonObject> audio = s.awaitRecordings(roomSid, "both microphones recorded", WAIT, l -> l.size() == 2);
        assertThat(audio).extracting(r -> r.getString("type")).containsOnly("audio");
        Thread.sleep(PHASE);

        long all = rules(roomSid, "[{\"type\":\"include\",\"all\":true}]");
        List<JsonObject> four = s.awaitRecordings(roomSid, "the cameras recorded too", WAIT, l -> l.size() == 4);
        assertThat(four)
                .extracting(r -> r.getString("sid"))
                .as("the microphones' recordings go on")
                .containsAll(sids(audio));
        Thread.sleep(PHASE);

        long withoutBob =
                rules(roomSid, "[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"publisher\":\"bob\"}]");
        List<JsonObject> bobOut = s.awaitRecordings(
                roomSid,
                "bob's recordings completed",
                WAIT,
                l -> RecordOnConnectTest.of(l, bob).stream()
                        .allMatch(r -> r.getString("status").equals("completed")));
        assertThat(RecordOnConnectTest.of(bobOut, alice))
                .extracting(r -> r.getString("status"))
                .containsOnly("processing");
        Thread.sleep(PHASE);

        long bobBack = rules(roomSid, "[{\"type\":\"include\",\"all\":true}]");
        s.awaitRecordings(roomSid, "bob recorded again", WAIT, l -> l.size() == 6);
        Thread.sleep(PHASE);
        alice.leave();
        bob.leave();
        List<JsonObject> done = s.awaitRecordings(
                roomSid,
                "every recording completed",
                WAIT,
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));

        assertThat(done).hasSize(6);
        assertThat(RecordOnConnectTest.of(done, alice)).hasSize(2);
        List<JsonObject> bobs = RecordOnConnectTest.of(done, bob);
        assertThat(bobs).hasSize(4);
        for (String kind : List.of("audio", "video")) {
            List<JsonObject> segments =
                    bobs.stream().filter(r -> r.getString("type").equals(kind)).toList();
            assertThat(segments)
                    .as("bob's " + kind + ": one recording per recorded segment")
                    .hasSize(2);
            assertThat(segments.get(0).getString("source_sid"))
                    .isEqualTo(segments.get(1).getString("source_sid"));
            assertThat(segments.get(0).getString("sid"))
                    .isNotEqualTo(segments.get(1).getString("sid"));
            long start = kind.equals("audio") ? audioOnly : all;
            JsonObject first = segments.stream()
                    .min((a, b) -> Long.compare(a.getLong("offset"), b.getLong("offset")))
                    .get();
            JsonObject second = segments.get(segments.get(0) == first ? 1 : 0);
            assertSegment(first, start, withoutBob);
            assertSegment(second, bobBack, bob.firstSent("audio") + (long) (bob.publishingSeconds("audio") * 1000));
        }
        long leftAt = alice.firstSent("audio") + (long) (alice.publishingSeconds("audio") * 1000);
        assertSegment(RecordOnConnectTest.track(done, alice, "audio"), audioOnly, leftAt);
        assertSegment(RecordOnConnectTest.track(done, alice, "video"), all, leftAt);
    }

    @Test
    void pauseAndMuteLeaveGapsInTheSameFiles() throws Exception {
        String roomSid = s.createRoom("UniqueName", "pause-room", "RecordParticipantsOnConnect", "true")
                .getString("sid");
        Publisher dave = s.join("pause-room", "dave");
        List<String> recorded = sids(s.awaitRecordings(roomSid, "both tracks recorded", WAIT, l -> l.size() == 2));
        Thread.sleep(PHASE);

        long pausedAt = System.currentTimeMillis();
        JsonObject paused = s.rest.post("/v1/Rooms/" + roomSid + "/Recording", 200, "Status", "paused");
        assertThat(paused.getString("status")).isEqualTo("paused");
        Thread.sleep(PHASE);
        assertThat(s.rest.get("/v1/Rooms/" + roomSid + "/Recording").getString("status"))
                .isEqualTo("paused");
        assertThat(s.rest.recordings(roomSid))
                .as("paused recordings stay processing")
                .extracting(r -> r.getString("status"))
                .containsOnly("processing");
        long resumedAt = System.currentTimeMillis();
        s.rest.post("/v1/Rooms/" + roomSid + "/Recording", 200, "Status", "in-progress");
        Thread.sleep(PHASE);

        long mutedAt = dave.setEnabled("audio", false);
        dave.setEnabled("video", false);
        Thread.sleep(PHASE);
        long unmutedAt = dave.setEnabled("audio", true);
        dave.setEnabled("video", true);
        Thread.sleep(PHASE);
        dave.leave();
        List<JsonObject> done = s.awaitRecordings(
                roomSid,
                "both recordings completed",
                WAIT,
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));
        assertThat(sids(done))
                .as("a pause or a mute makes no new recording")
                .containsExactlyInAnyOrderElementsOf(recorded);

        for (JsonObject r : done) {
            String kind = r.getString("type");
            Path file = MediaProbe.fileOf(s.data, r.getString("sid"));
            assertThat(MediaProbe.decodeErrors(file)).as(kind).isEmpty();
            List<Double> times = MediaProbe.packetTimes(file);
            List<Gap> gaps = MediaProbe.gaps(times, 0.4);
            double start = r.getLong("offset") / 1000.0;
            System.out.printf(
                    "%s: gaps %s; pause %.3f-%.3f, mute %.3f-%.3f (file time)%n",
                    kind,
                    gaps,
                    pausedAt / 1000.0 - start,
                    resumedAt / 1000.0 - start,
                    mutedAt / 1000.0 - start,
                    unmutedAt / 1000.0 - start);
            assertThat(gaps)
                    .as(kind + ": one gap for the pause, one for the mute")
                    .hasSize(2);
            assertGap(kind, gaps.get(0), pausedAt / 1000.0 - start, resumedAt / 1000.0 - start);
            assertGap(kind, gaps.get(1), mutedAt / 1000.0 - start, unmutedAt / 1000.0 - start);
            if (kind.equals("video")) {
                List<String> flags = MediaProbe.packetFlags(file);
                for (Gap g : gaps) {
                    assertThat(flags.get(times.indexOf(g.to())))
                            .as("video resumes at a keyframe")
                            .startsWith("K");
                }
            }
        }
    }

    @Test
    void endingTheRoomCompletesItsRecordingsUpToTheEnd() throws Exception {
        String roomSid = s.createRoom("UniqueName", "ended-room", "RecordParticipantsOnConnect", "true")
                .getString("sid");
        Publisher erin = s.join("ended-room", "erin");
        s.awaitRecordings(roomSid, "both tracks recorded", WAIT, l -> l.size() == 2);
        Thread.sleep(PHASE);
        long endedAt = System.currentTimeMillis();
        assertThat(s.rest.post("/v1/Rooms/" + roomSid, 202, "Status", "completed")
                        .getString("status"))
                .isEqualTo("completed");
        List<JsonObject> done = s.awaitRecordings(
                roomSid,
                "both recordings completed",
                WAIT,
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));
        assertThat(done).hasSize(2);
        for (JsonObject r : done) {
            assertSegment(r, erin.firstSent(r.getString("type")), endedAt);
        }
        erin.tab.waitFor("told the room ended", "room.state === 'disconnected'");
    }

    /**
     * Audio stops and starts again within 0.25 s of the pause (mute) and resume (unmute); video
     * stops as promptly but resumes at the first keyframe after it, which the recorder asks for.
     */
    static void assertGap(String kind, Gap gap, double from, double to) {
        assertThat(gap.from()).as(kind + " gap start").isCloseTo(from, within(0.25));
        if (kind.equals("audio")) {
            assertThat(gap.to()).as(kind + " gap end").isCloseTo(to, within(0.25));
        } else {
            assertThat(gap.to()).as(kind + " gap end").isBetween(to - 0.25, to + 0.75);
        }
    }

    /** A segment's file covers the time its track was recorded, from {@code from} to {@code to} (epoch ms). */
    void assertSegment(JsonObject r, long from, long to) {
        String sid = r.getString("sid");
        Path file = MediaProbe.fileOf(s.data, sid);
        assertThat(MediaProbe.decodeErrors(file)).as(sid).isEmpty();
        MediaProbe probe = MediaProbe.of(file);
        System.out.printf(
                "%s %s: offset %+d ms from the expected start, %.3f s recorded of %.3f s%n",
                sid, r.getString("type"), r.getLong("offset") - from, probe.duration(), (to - from) / 1000.0);
        assertThat(r.getLong("offset")).as(sid + " starts when it should").isCloseTo(from, within(500L));
        assertThat(probe.duration())
                .as(sid + " lasts until it stopped being recorded")
                .isCloseTo((to - from) / 1000.0, within(0.5));
    }

    /** Replaces the room's rules; returns when (epoch ms, just before the call). */
    long rules(String roomSid, String rules) {
        long at = System.currentTimeMillis();
        JsonObject r = s.rest.post("/v1/Rooms/" + roomSid + "/RecordingRules", 200, "Rules", rules);
        assertThat(r.getJsonArray("rules").encode()).isEqualTo(new io.vertx.core.json.JsonArray(rules).encode());
        return at;
    }

    static List<String> sids(List<JsonObject> recordings) {
        return recordings.stream().map(r -> r.getString("sid")).toList();
    }
}
