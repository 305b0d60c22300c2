package dev.quorum.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.api.testing.CallbackReceiver;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room created with {@code RecordParticipantsOnConnect=true}, Chromium publishing its fake camera
 * and microphone for a few seconds: every track becomes one Recording that completes when its
 * participant leaves, whose file FFmpeg decodes without a single error and whose length is the
 * time the browser published.
 *
 * <p><b>Publishing time</b> is measured in the browser: from the first RTP packet of that kind
 * leaving it ({@code outbound-rtp.packetsSent} turning non-zero, see {@link Publisher}) to the
 * moment the page called {@code room.disconnect()}. The file's duration (ffprobe, from the RTP
 * timestamps of the first and last frame) must be within 0.5 s of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class RecordOnConnectTest {

    static final Duration PUBLISH = Duration.ofSeconds(5);
    /**
     * The consent timeout, shortened so that a publisher alone in its room (who has nothing to
     * receive) is recorded for longer than it without the test waiting the default 30 s.
     */
    static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(6);

    @TempDir
    static Path data;

    RecordingServer s;

    @BeforeAll
    void start() throws Exception {
        s = new RecordingServer(data, Map.of("media.consent-timeout", CONSENT_TIMEOUT.toSeconds() + "s"));
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
    void aVp8RoomRecordsOpusAndVp8UntilEachParticipantLeaves() throws Exception {
        JsonObject room =
                s.createRoom("UniqueName", "vp8-room", "RecordParticipantsOnConnect", "true", "VideoCodecs", "VP8");
        String roomSid = room.getString("sid");
        Publisher alice = s.join("vp8-room", "alice");
        Publisher bob = s.join("vp8-room", "bob");
        s.awaitRecordings(roomSid, "four recordings processing", Duration.ofSeconds(20), l -> l.size() == 4);
        Thread.sleep(PUBLISH.toMillis());

        alice.leave();
        List<JsonObject> afterAlice = s.awaitRecordings(
                roomSid,
                "alice's recordings completed",
                Duration.ofSeconds(15),
                l -> of(l, alice).stream().allMatch(r -> r.getString("status").equals("completed")));
        assertThat(of(afterAlice, bob))
                .as("bob is still in the room: his recordings continue")
                .extracting(r -> r.getString("status"))
                .containsOnly("processing");
        Thread.sleep(1000);
        bob.leave();
        List<JsonObject> all = s.awaitRecordings(
                roomSid,
                "every recording completed",
                Duration.ofSeconds(15),
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));

        assertThat(all).hasSize(4);
        for (Publisher p : List.of(alice, bob)) {
            JsonObject audio = track(all, p, "audio");
            JsonObject video = track(all, p, "video");
            assertRecording(roomSid, audio, p, "audio", "OPUS", "mka", "opus");
            assertRecording(roomSid, video, p, "video", "VP8", "mkv", "vp8");
            assertAudioAndVideoAligned(p, audio, video);
        }
    }

    @Test
    void anH264RoomRecordsH264InMatroskaForAllTheTimeItsPublisherWaitsAlone() throws Exception {
        JsonObject room =
                s.createRoom("UniqueName", "h264-room", "RecordParticipantsOnConnect", "true", "VideoCodecs", "H264");
        String roomSid = room.getString("sid");
        Publisher carol = s.join("h264-room", "carol");
        s.awaitRecordings(roomSid, "two recordings processing", Duration.ofSeconds(20), l -> l.size() == 2);
        Thread.sleep(CONSENT_TIMEOUT.plusSeconds(3).toMillis());
        carol.leave();
        List<JsonObject> all = s.awaitRecordings(
                roomSid,
                "both recordings completed",
                Duration.ofSeconds(15),
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));

        assertThat(all).hasSize(2);
        assertRecording(roomSid, track(all, carol, "audio"), carol, "audio", "OPUS", "mka", "opus");
        assertRecording(roomSid, track(all, carol, "video"), carol, "video", "H264", "mkv", "h264");
    }

    /** The REST resource, the callbacks, and what FFmpeg reads from the file agree with what was published. */
    void assertRecording(
            String roomSid, JsonObject r, Publisher p, String kind, String codec, String container, String ffmpegCodec)
            throws Exception {
        String sid = r.getString("sid");
        assertThat(r.getString("codec")).as(sid).isEqualTo(codec);
        assertThat(r.getString("container_format")).as(sid).isEqualTo(container);
        assertThat(r.getString("type")).as(sid).isEqualTo(kind);
        assertThat(r.getString("track_name")).as(sid).isEqualTo(kind.equals("audio") ? "microphone" : "camera");
        assertThat(r.getString("source_sid")).as(sid).startsWith("MT");
        assertThat(r.getJsonObject("grouping_sids").getMap())
                .as(sid)
                .containsEntry("room_sid", roomSid)
                .containsEntry("participant_sid", p.sid);

        Path file = MediaProbe.fileOf(s.data, sid);
        assertThat(file.getFileName().toString()).endsWith("." + container);
        assertThat(r.getLong("size")).as(sid + " size").isEqualTo(Files.size(file));
        MediaProbe probe = MediaProbe.of(file);
        assertThat(probe.container()).as(sid).contains("matroska");
        assertThat(probe.streams()).as(sid).isEqualTo(1);
        assertThat(probe.kind()).as(sid).isEqualTo(kind);
        assertThat(probe.codec()).as(sid).isEqualTo(ffmpegCodec);
        assertThat(MediaProbe.decodeErrors(file))
                .as(sid + ": ffmpeg -v error decoding it")
                .isEmpty();
        double published = p.publishingSeconds(kind);
        System.out.printf(
                "%s %s %s: file %.3f s, published %.3f s%n", p.tab.identity, kind, codec, probe.duration(), published);
        assertThat(probe.duration()).as(sid + " duration vs publishing time").isCloseTo(published, within(0.5));
        assertThat(r.getLong("duration"))
                .as(sid + " REST duration (rounded seconds)")
                .isCloseTo(Math.round(probe.duration()), within(1L));
        assertThat(r.getLong("offset"))
                .as(sid + " offset vs the browser's first send (same machine clock)")
                .isCloseTo(p.firstSent(kind), within(500L));

        Map<String, String> started = onlyCallback(s, "recording-started", sid);
        assertThat(started)
                .containsEntry("RoomSid", roomSid)
                .containsEntry("ParticipantSid", p.sid)
                .containsEntry("Codec", codec)
                .containsEntry("Container", container)
                .containsEntry("SourceSid", r.getString("source_sid"));
        Map<String, String> completed = onlyCallback(s, "recording-completed", sid);
        assertThat(completed)
                .containsEntry("Size", String.valueOf(r.getLong("size")))
                .containsEntry("Duration", String.valueOf(r.getLong("duration")))
                .containsEntry("TrackName", r.getString("track_name"));
    }

    /**
     * One participant's audio and video start where the browser started sending each (their offsets
     * differ by what the first sends differ, within 100 ms) and end together (within 0.5 s).
     */
    static void assertAudioAndVideoAligned(Publisher p, JsonObject audio, JsonObject video) {
        long offsetGap = video.getLong("offset") - audio.getLong("offset");
        long sentGap = p.firstSent("video") - p.firstSent("audio");
        System.out.printf(
                "%s: video offset - audio offset %d ms, first video send - first audio send %d ms%n",
                p.tab.identity, offsetGap, sentGap);
        assertThat(offsetGap).as(p.tab.identity + " A/V start").isCloseTo(sentGap, within(100L));
    }

    static List<JsonObject> of(List<JsonObject> recordings, Publisher p) {
        return recordings.stream()
                .filter(r -> p.sid.equals(r.getJsonObject("grouping_sids").getString("participant_sid")))
                .toList();
    }

    static JsonObject track(List<JsonObject> recordings, Publisher p, String kind) {
        List<JsonObject> l = of(recordings, p).stream()
                .filter(r -> kind.equals(r.getString("type")))
                .toList();
        assertThat(l).as(p.tab.identity + "'s " + kind + " recordings").hasSize(1);
        return l.get(0);
    }

    /**
     * The single callback of {@code event} for a recording, waiting up to 15 s for it: callbacks
     * are sent after the store is updated, so one may still be on its way.
     */
    static Map<String, String> onlyCallback(RecordingServer s, String event, String recordingSid) {
        List<CallbackReceiver.Received> sent = s.callbacks.await(
                1,
                r -> event.equals(r.event()) && recordingSid.equals(r.param("RecordingSid")),
                Duration.ofSeconds(15));
        assertThat(sent).as("%s callbacks for %s", event, recordingSid).hasSize(1);
        return sent.get(0).params();
    }
}
