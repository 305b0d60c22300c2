package dev.quorum.server.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.Composition;
import com.twilio.rest.video.v1.Room;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.api.testing.CallbackReceiver.Received;
import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.server.api.BrowserCall;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.server.api.MediaFiles;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compositions of a room made while it runs: one created right after the room, one in its middle.
 * Both are composed live, a few seconds behind the room, and are complete within seconds of its
 * end; the one created mid-room holds the whole room; and both show the same pictures as the room
 * composed after the fact with the same layout.
 */
@RunsAlone
@Tag("slow")
class LiveCompositionBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    /** How long the room runs; set {@code -Dquorum.live-room-seconds=180} for the 3-minute case. */
    static final int ROOM_SECONDS = Integer.getInteger("quorum.live-room-seconds", 60);
    /** The room end → {@code completed} the issue asks for. */
    static final long READY_WITHIN_MS = 5_000;

    static final Map<String, Object> GRID = Map.of("grid", Map.of("video_sources", List.of("*")));
    static final String EVENTS = "/video/live";

    @TempDir
    Path data;

    @TempDir
    Path downloads;

    @Test
    void compositionsOfARunningRoomAreReadySecondsAfterItEndsAndMatchTheRoomComposedAfterwards() throws Exception {
        try (ConfiguredServer quorum = ConfiguredServer.start(data, Map.of());
                CallbackReceiver receiver = CallbackReceiver.start();
                Chromium chromium = Chromium.start()) {
            TwilioRestClient client = quorum.sdk();
            Room room = Room.creator()
                    .setUniqueName("live")
                    .setRecordParticipantsOnConnect(true)
                    .create(client);
            // Right after the room: nothing is recorded yet.
            Composition early = create(client, room, receiver.url(EVENTS));
            long started = System.nanoTime();
            BrowserCall call = BrowserCall.join(chromium, quorum.baseUrl(), "live", "alice", "bob");
            call.awaitMediaFlowing();

            sleepUntil(started, ROOM_SECONDS * 1000L / 2);
            Composition middle = create(client, room, null);
            long middleAtMs = (System.nanoTime() - started) / 1_000_000;
            Received behind = receiver.awaitEvent(EVENTS, "composition-progress", WAIT);
            assertThat(behind.param("CompositionSid")).isEqualTo(early.getSid());
            assertThat(Composition.fetcher(early.getSid()).fetch(client).getStatus())
                    .as("composed while the room runs")
                    .isEqualTo(Composition.Status.PROCESSING);
            assertThat(Composition.fetcher(middle.getSid()).fetch(client).getStatus())
                    .isIn(Composition.Status.ENQUEUED, Composition.Status.PROCESSING);

            sleepUntil(started, ROOM_SECONDS * 1000L);
            Room.updater(room.getSid(), Room.RoomStatus.COMPLETED).update(client);
            long endedAt = System.nanoTime();
            long earlyReadyMs = awaitCompleted(client, early.getSid(), endedAt);
            long middleReadyMs = awaitCompleted(client, middle.getSid(), endedAt);
            System.out.printf(
                    "live compositions of a %d s room: room end -> completed %d ms (created at start), %d ms"
                            + " (created at %d s)%n",
                    ROOM_SECONDS, earlyReadyMs, middleReadyMs, middleAtMs / 1000);
            assertThat(earlyReadyMs).as("room end → completed, ms").isLessThanOrEqualTo(READY_WITHIN_MS);
            assertThat(middleReadyMs).as("room end → completed, ms").isLessThanOrEqualTo(READY_WITHIN_MS);
            call.awaitDisconnected(WAIT);

            // The same room composed after the fact, with the same layout.
            Composition after = create(client, room, null);
            awaitCompleted(client, after.getSid(), System.nanoTime());

            Path earlyFile = download(client, early.getSid());
            Path middleFile = download(client, middle.getSid());
            Path afterFile = download(client, after.getSid());
            if (System.getProperty("quorum.keep-files") != null) {
                Path keep = Path.of(System.getProperty("quorum.keep-files"));
                Files.createDirectories(keep);
                for (Path p : List.of(earlyFile, middleFile, afterFile)) {
                    Files.copy(p, keep.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.writeString(
                        keep.resolve("order.txt"),
                        earlyFile.getFileName() + " " + middleFile.getFileName() + " " + afterFile.getFileName());
            }
            double afterSeconds = MediaFiles.duration(MediaFiles.probe(afterFile));
            assertThat(afterSeconds).isGreaterThan(ROOM_SECONDS - 15.0);
            for (Path live : List.of(earlyFile, middleFile)) {
                assertThat(MediaFiles.decodeErrors(live)).as("decoding " + live).isEmpty();
                JsonObject probe = MediaFiles.probe(live);
                assertThat(MediaFiles.stream(probe, "video").getInteger("width"))
                        .isEqualTo(640);
                assertThat(MediaFiles.stream(probe, "audio").getString("codec_name"))
                        .isEqualTo("aac");
                // The composition made mid-room holds the room from its start, as the other ones.
                assertThat(MediaFiles.duration(probe)).isCloseTo(afterSeconds, within(0.5));
                // Every 5 s (25 fps) from 5 s on: the same pictures as composed afterwards.
                List<Double> psnr = MediaFiles.psnrOfFrames(live, afterFile, 125, 125);
                assertThat(psnr).hasSizeGreaterThanOrEqualTo(ROOM_SECONDS / 5 - 4);
                assertThat(psnr)
                        .as("PSNR (dB) of " + live)
                        .allSatisfy(db -> assertThat(db).isGreaterThanOrEqualTo(30.0));
            }
        }
    }

    private static Composition create(TwilioRestClient client, Room room, String callback) {
        var creator = Composition.creator(room.getSid())
                .setVideoLayout(GRID)
                .setAudioSources("*")
                .setResolution("640x480")
                .setFormat(Composition.Format.MP4);
        if (callback != null) {
            creator.setStatusCallback(callback);
        }
        Composition c = creator.create(client);
        assertThat(c.getStatus()).isEqualTo(Composition.Status.ENQUEUED);
        return c;
    }

    /** Polls the composition every 100 ms; the ms from {@code sinceNanos} to when it was seen completed. */
    private static long awaitCompleted(TwilioRestClient client, String sid, long sinceNanos) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Composition c = Composition.fetcher(sid).fetch(client);
            assertThat(c.getStatus()).isNotEqualTo(Composition.Status.FAILED);
            if (c.getStatus() == Composition.Status.COMPLETED) {
                return (System.nanoTime() - sinceNanos) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Composition " + sid + " was not completed within " + WAIT);
    }

    /** The room runs with real media for as long as the test asks: this is its length, not a wait for an event. */
    private static void sleepUntil(long startedNanos, long ms) throws InterruptedException {
        long left = ms - (System.nanoTime() - startedNanos) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    private Path download(TwilioRestClient client, String sid) throws Exception {
        Response media = ConfiguredServer.get(client, "/v1/Compositions/" + sid + "/Media");
        assertThat(media.getStatusCode()).isEqualTo(302);
        HttpResponse<byte[]> file =
                MediaFiles.download(new JsonObject(media.getContent()).getString("redirect_to"), null);
        assertThat(file.statusCode()).isEqualTo(200);
        Path mp4 = downloads.resolve(sid + ".mp4");
        Files.write(mp4, file.body());
        return mp4;
    }
}
