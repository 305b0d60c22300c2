package dev.quorum.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.twilio.base.ResourceSet;
import com.twilio.http.HttpMethod;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.Composition;
import com.twilio.rest.video.v1.Recording;
import com.twilio.rest.video.v1.Room;
import com.twilio.rest.video.v1.room.Participant;
import com.twilio.rest.video.v1.room.RoomRecording;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.api.testing.CallbackReceiver.Received;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole control plane as a customer drives it with the official twilio-java SDK, against the
 * real server with two participants in headless Chromium: create a recorded room, join it with
 * tokens from the SDK's {@code AccessToken}, end it, list its recordings, compose it, download and
 * probe the file, delete it — and every status callback on the way, signed for the SDK's
 * {@code RequestValidator}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class TwilioSdkEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ROOM_NAME = "e2e-standup";
    static final String ROOM_EVENTS = "/video/rooms";

    @TempDir
    static Path data;

    @TempDir
    static Path downloads;

    ConfiguredServer quorum;
    CallbackReceiver receiver;
    Chromium chromium;
    TwilioRestClient client;
    Room room;
    Room ended;
    Composition early;
    List<BrowserParticipant> people;

    @BeforeAll
    void aRecordedRoomWithTwoBrowsersThatEnds() throws Exception {
        quorum = ConfiguredServer.start(data, Map.of());
        receiver = CallbackReceiver.start();
        chromium = Chromium.start();
        client = quorum.sdk();

        room = Room.creator()
                .setUniqueName(ROOM_NAME)
                .setRecordParticipantsOnConnect(true)
                .setStatusCallback(receiver.url(ROOM_EVENTS))
                .setStatusCallbackMethod(HttpMethod.POST)
                .create(client);
        // "At any time after the room-created event": before anyone joined, so before any recording.
        early = Composition.creator(room.getSid())
                .setAudioSources("*")
                .setVideoLayout(Map.of("grid", Map.of("video_sources", List.of("*"))))
                .setResolution("320x240")
                .setFormat(Composition.Format.MP4)
                .create(client);
        BrowserCall call = BrowserCall.join(chromium, quorum.baseUrl(), ROOM_NAME, "alice", "bob");
        people = call.participants();
        call.awaitMediaFlowing();
        // Real media for a few seconds: the recordings and the composition last about this long.
        Thread.sleep(5000);
        ended = Room.updater(room.getSid(), Room.RoomStatus.COMPLETED).update(client);
        call.awaitDisconnected(WAIT);
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (quorum != null) {
            quorum.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theRoomEndsCompletedWithBothParticipantsInItsHistory() {
        assertThat(room.getSid()).startsWith("RM");
        assertThat(room.getStatus()).isEqualTo(Room.RoomStatus.IN_PROGRESS);
        assertThat(room.getRecordParticipantsOnConnect()).isTrue();
        assertThat(ended.getStatus()).isEqualTo(Room.RoomStatus.COMPLETED);
        Room fetched = Room.fetcher(room.getSid()).fetch(client);
        assertThat(fetched.getEndTime()).isNotNull();
        assertThat(fetched.getDuration()).isBetween(5, 60);
        List<Participant> left = all(Participant.reader(room.getSid())
                .setStatus(Participant.Status.DISCONNECTED)
                .read(client));
        assertThat(left).extracting(Participant::getIdentity).containsExactlyInAnyOrder("alice", "bob");
        assertThat(left)
                .extracting(Participant::getSid)
                .containsExactlyInAnyOrderElementsOf(
                        people.stream().map(BrowserParticipant::sid).toList());
        assertThat(left).allSatisfy(p -> assertThat(p.getDuration()).isPositive());
    }

    @Test
    void eachParticipantLeavesACompletedAudioAndVideoRecording() {
        List<RoomRecording> recordings = completedRecordings();
        assertThat(recordings).hasSize(4);
        for (BrowserParticipant p : people) {
            List<RoomRecording> own = recordings.stream()
                    .filter(r -> p.sid().equals(((Map<?, ?>) r.getGroupingSids()).get("participant_sid")))
                    .toList();
            assertThat(own)
                    .as(p.identity + "'s recordings")
                    .extracting(RoomRecording::getType)
                    .containsExactlyInAnyOrder(RoomRecording.Type.AUDIO, RoomRecording.Type.VIDEO);
            for (RoomRecording r : own) {
                boolean audio = r.getType() == RoomRecording.Type.AUDIO;
                assertThat(r.getCodec()).isEqualTo(audio ? RoomRecording.Codec.OPUS : RoomRecording.Codec.VP8);
                assertThat(r.getContainerFormat())
                        .isEqualTo(audio ? RoomRecording.Format.MKA : RoomRecording.Format.MKV);
                assertThat(r.getTrackName()).isEqualTo(audio ? "microphone" : "camera");
                assertThat(r.getSourceSid()).startsWith("MT");
                assertThat(r.getDuration()).isBetween(3, ended.getDuration() == null ? 60 : ended.getDuration() + 1);
                assertThat(r.getSize()).isGreaterThan(audio ? 10_000L : 50_000L);
            }
        }
        // The account-wide list finds the same recordings by the room's grouping SID.
        List<Recording> byRoom = all(Recording.reader()
                .setGroupingSid(List.of(room.getSid()))
                .setStatus(Recording.Status.COMPLETED)
                .read(client));
        assertThat(byRoom)
                .extracting(Recording::getSid)
                .containsExactlyInAnyOrderElementsOf(
                        recordings.stream().map(RoomRecording::getSid).toList());
    }

    @Test
    void roomCallbacksArriveSignedWithTheSpecsParameters() {
        Predicate<Received> ofRoom = r -> r.url().equals(receiver.url(ROOM_EVENTS));
        // Two participants, two tracks each: 1 + 2 + 4 + 4 + 4 + 2 + 1 events at the least.
        List<Received> all = receiver.await(18, ofRoom, WAIT);
        receiver.await(4, ofRoom.and(r -> "recording-completed".equals(r.event())), WAIT);
        all = receiver.received().stream().filter(ofRoom).toList();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.signedWith(ConfiguredServer.AUTH_TOKEN))
                    .as("signature of %s", r.event())
                    .isTrue();
            assertThat(r.signedWith("some-other-auth-token-123456")).isFalse();
            assertThat(r.idempotencyToken()).startsWith(ConfiguredServer.ACCOUNT + "-");
            assertThat(r.params())
                    .containsEntry("AccountSid", ConfiguredServer.ACCOUNT)
                    .containsEntry("RoomSid", room.getSid())
                    .containsKeys("Timestamp", "SequenceNumber");
        });
        assertThat(all).extracting(Received::idempotencyToken).doesNotHaveDuplicates();
        assertThat(all)
                .extracting(r -> Integer.parseInt(r.param("SequenceNumber")))
                .as("one room's callbacks are delivered in order")
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(all.get(0).event()).isEqualTo("room-created");

        assertThat(events(all, "room-created"))
                .singleElement()
                .satisfies(r -> assertThat(r.params())
                        .containsEntry("RoomName", ROOM_NAME)
                        .containsEntry("RoomStatus", "in-progress")
                        .containsEntry("RoomType", "group"));
        assertThat(events(all, "participant-connected"))
                .extracting(r -> r.param("ParticipantIdentity"))
                .containsExactlyInAnyOrder("alice", "bob");
        assertThat(events(all, "participant-connected"))
                .extracting(r -> r.param("ParticipantSid"))
                .containsExactlyInAnyOrderElementsOf(
                        people.stream().map(BrowserParticipant::sid).toList());
        assertThat(events(all, "participant-connected"))
                .allSatisfy(r -> assertThat(r.params())
                        .containsEntry("ParticipantStatus", "connected")
                        .containsEntry("RoomName", ROOM_NAME));
        List<Received> tracks = events(all, "track-added");
        assertThat(tracks)
                .extracting(r -> r.param("TrackKind") + ":" + r.param("TrackName"))
                .containsExactlyInAnyOrder("audio:microphone", "video:camera", "audio:microphone", "video:camera");
        assertThat(tracks).allSatisfy(r -> assertThat(r.param("TrackSid")).startsWith("MT"));

        List<Received> started = events(all, "recording-started");
        assertThat(started)
                .extracting(r -> r.param("SourceSid"))
                .containsExactlyInAnyOrderElementsOf(
                        tracks.stream().map(r -> r.param("TrackSid")).toList());
        List<Received> completed = events(all, "recording-completed");
        assertThat(completed)
                .extracting(r -> r.param("RecordingSid"))
                .containsExactlyInAnyOrderElementsOf(
                        started.stream().map(r -> r.param("RecordingSid")).toList());
        assertThat(completed).allSatisfy(r -> {
            boolean audio = "audio".equals(r.param("Type"));
            assertThat(r.params())
                    .containsEntry("Container", audio ? "mka" : "mkv")
                    .containsEntry("Codec", audio ? "OPUS" : "VP8")
                    .containsEntry("RecordingUri", "/v1/Recordings/" + r.param("RecordingSid"))
                    .containsKeys("MediaUri", "Duration", "Size", "OffsetFromTwilioVideoEpoch", "ParticipantIdentity");
            assertThat(Long.parseLong(r.param("Size"))).isPositive();
        });

        assertThat(events(all, "participant-disconnected"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.params())
                        .containsEntry("ParticipantStatus", "disconnected")
                        .containsKey("ParticipantDuration"));
        assertThat(events(all, "room-ended")).singleElement().satisfies(r -> {
            assertThat(r.params()).containsEntry("RoomStatus", "completed");
            assertThat(Integer.parseInt(r.param("RoomDuration"))).isEqualTo(ended.getDuration());
        });
    }

    @ParameterizedTest
    @EnumSource(
            value = Composition.Format.class,
            names = {"MP4", "WEBM"})
    void aGridCompositionOfTheRoomIsComposedDownloadedAndDeleted(Composition.Format format) throws Exception {
        completedRecordings();
        String events = "/video/compositions/" + format;
        // One composition reports by POST, the other by GET (parameters in the signed URL's query).
        HttpMethod method = format == Composition.Format.MP4 ? HttpMethod.POST : HttpMethod.GET;
        Composition c = Composition.creator(room.getSid())
                .setVideoLayout(Map.of("grid", Map.of("video_sources", List.of("*"))))
                .setAudioSources("*")
                .setResolution("320x240")
                .setFormat(format)
                .setStatusCallback(receiver.url(events))
                .setStatusCallbackMethod(method)
                .create(client);
        assertThat(c.getStatus()).isEqualTo(Composition.Status.ENQUEUED);

        Composition done = awaitComposition(c.getSid());
        assertThat(done.getStatus()).isEqualTo(Composition.Status.COMPLETED);
        assertThat(done.getDateCompleted()).isNotNull();
        assertThat(done.getSize()).isPositive();
        assertThat(done.getBitrate()).isPositive();

        Received available = receiver.awaitEvent(events, "composition-available", WAIT);
        List<Received> mine = receiver.received().stream()
                .filter(r -> r.path().equals(events))
                .toList();
        assertThat(mine).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo(method.toString());
            assertThat(r.signedWith(ConfiguredServer.AUTH_TOKEN)).isTrue();
            assertThat(r.params())
                    .containsEntry("CompositionSid", c.getSid())
                    .containsEntry("RoomSid", room.getSid())
                    .containsEntry("CompositionUri", "/v1/Compositions/" + c.getSid());
        });
        assertThat(mine).extracting(Received::event).first().isEqualTo("composition-started");
        assertThat(mine).extracting(Received::event).last().isEqualTo("composition-available");
        assertThat(mine)
                .extracting(Received::event)
                .contains("composition-progress")
                .doesNotContain("composition-failed", "composition-enqueued");
        assertThat(mine)
                .filteredOn(r -> "composition-progress".equals(r.event()))
                .allSatisfy(r -> assertThat(r.params()).containsKeys("PercentageDone", "SecondsRemaining"));
        assertThat(available.params())
                .containsEntry("Size", String.valueOf(done.getSize()))
                .containsEntry("Duration", String.valueOf(done.getDuration()))
                .containsEntry("MediaUri", "/v1/Compositions/" + c.getSid() + "/Media");

        // The SDK does not model media links: the raw request answers 302 with the link in the body.
        Response media = ConfiguredServer.get(client, "/v1/Compositions/" + c.getSid() + "/Media?Ttl=120");
        assertThat(media.getStatusCode()).isEqualTo(302);
        String link = new JsonObject(media.getContent()).getString("redirect_to");
        assertThat(link).startsWith(quorum.baseUrl() + "/media/");

        HttpResponse<byte[]> head = MediaFiles.download(link, "bytes=0-99");
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.body()).hasSize(100);
        assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + done.getSize());
        HttpResponse<byte[]> whole = MediaFiles.download(link, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + c.getSid() + "."
                        + format.toString().toLowerCase() + "\"");
        assertThat(whole.headers().firstValue("Content-Type"))
                .hasValue(format == Composition.Format.MP4 ? "video/mp4" : "video/webm");
        assertThat((long) whole.body().length).isEqualTo(done.getSize());
        assertThat(java.util.Arrays.copyOf(whole.body(), 100)).isEqualTo(head.body());

        Path file = downloads.resolve(c.getSid() + "." + format.toString().toLowerCase());
        Files.write(file, whole.body());
        JsonObject probe = MediaFiles.probe(file);
        JsonObject video = MediaFiles.stream(probe, "video");
        JsonObject audio = MediaFiles.stream(probe, "audio");
        boolean mp4 = format == Composition.Format.MP4;
        assertThat(video).as("video stream").isNotNull();
        assertThat(video.getString("codec_name")).isEqualTo(mp4 ? "h264" : "vp8");
        assertThat(video.getInteger("width")).isEqualTo(320);
        assertThat(video.getInteger("height")).isEqualTo(240);
        assertThat(audio).as("audio stream").isNotNull();
        assertThat(audio.getString("codec_name")).isEqualTo(mp4 ? "aac" : "opus");
        // The file runs from the first recorded media to the last: the span of the recordings on
        // the room's timeline, which is the room's duration less the time the browsers took to join.
        double seconds = MediaFiles.duration(probe);
        List<RoomRecording> recordings = completedRecordings();
        long first =
                recordings.stream().mapToLong(RoomRecording::getOffset).min().orElseThrow();
        long last = recordings.stream()
                .mapToLong(r -> r.getOffset() + r.getDuration() * 1000L)
                .max()
                .orElseThrow();
        assertThat(seconds)
                .isCloseTo((last - first) / 1000.0, within(1.5))
                .isLessThanOrEqualTo(ended.getDuration() + 1.0)
                .isGreaterThan(3.0);
        assertThat((double) done.getDuration()).isCloseTo(seconds, within(1.0));
        assertThat(MediaFiles.decodeErrors(file)).isEmpty();

        assertThat(Composition.deleter(c.getSid()).delete(client)).isTrue();
        Composition deleted = Composition.fetcher(c.getSid()).fetch(client);
        assertThat(deleted.getStatus()).isEqualTo(Composition.Status.DELETED);
        assertThat(deleted.getDateDeleted()).isNotNull();
        assertThat(ConfiguredServer.get(client, "/v1/Compositions/" + c.getSid() + "/Media")
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(MediaFiles.download(link, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aCompositionCreatedBeforeAnyRecordingComposesTheRecordingsThatFollowed() throws Exception {
        assertThat(early.getStatus()).isEqualTo(Composition.Status.ENQUEUED);
        Composition done = awaitComposition(early.getSid());
        assertThat(done.getStatus()).isEqualTo(Composition.Status.COMPLETED);
        Response media = ConfiguredServer.get(client, "/v1/Compositions/" + early.getSid() + "/Media");
        String link = new JsonObject(media.getContent()).getString("redirect_to");
        Path file = downloads.resolve(early.getSid() + ".mp4");
        Files.write(file, MediaFiles.download(link, null).body());
        JsonObject probe = MediaFiles.probe(file);
        assertThat(MediaFiles.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
        assertThat(MediaFiles.stream(probe, "audio").getString("codec_name")).isEqualTo("aac");
        List<RoomRecording> recordings = completedRecordings();
        long first =
                recordings.stream().mapToLong(RoomRecording::getOffset).min().orElseThrow();
        long last = recordings.stream()
                .mapToLong(r -> r.getOffset() + r.getDuration() * 1000L)
                .max()
                .orElseThrow();
        assertThat(MediaFiles.duration(probe)).isCloseTo((last - first) / 1000.0, within(1.5));
        assertThat(MediaFiles.decodeErrors(file)).isEmpty();
    }

    /** The room's recordings once the recorder has finished writing all of them. */
    List<RoomRecording> completedRecordings() {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<RoomRecording> all = all(RoomRecording.reader(room.getSid()).read(client));
            if (all.size() >= 4 && all.stream().allMatch(r -> r.getStatus() == RoomRecording.Status.COMPLETED)) {
                return all;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Recordings not completed: " + all);
            }
            pause();
        }
    }

    Composition awaitComposition(String sid) {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Composition c = Composition.fetcher(sid).fetch(client);
            if (c.getStatus() == Composition.Status.COMPLETED || c.getStatus() == Composition.Status.FAILED) {
                return c;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Composition still " + c.getStatus() + " after 2 minutes");
            }
            pause();
        }
    }

    static List<Received> events(List<Received> all, String event) {
        return all.stream().filter(r -> event.equals(r.event())).toList();
    }

    static <T extends com.twilio.base.Resource> List<T> all(ResourceSet<T> set) {
        return SdkLists.all(set);
    }

    /** Polling a real server's REST API, as a customer does. */
    static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
