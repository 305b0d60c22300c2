package dev.quorum.server.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.Composition;
import com.twilio.rest.video.v1.CompositionHook;
import com.twilio.rest.video.v1.Room;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.api.testing.CallbackReceiver.Received;
import dev.quorum.server.api.BrowserCall;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.server.api.MediaFiles;
import dev.quorum.server.api.SdkLists;
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
 * A composition hook at work in the whole server: a recorded room run from Chromium ends, the
 * hook composes it without being asked, and its callback tells the story from
 * {@code composition-enqueued} to {@code composition-available}.
 */
@Tag("slow")
class HookCompositionTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String HOOK_EVENTS = "/video/hook";

    @TempDir
    Path data;

    @TempDir
    Path downloads;

    @Test
    void anEnabledHookComposesARecordedRoomWhenItEnds() throws Exception {
        try (ConfiguredServer quorum = ConfiguredServer.start(data, Map.of());
                CallbackReceiver receiver = CallbackReceiver.start();
                Chromium chromium = Chromium.start()) {
            TwilioRestClient client = quorum.sdk();
            CompositionHook hook = CompositionHook.creator("Every room as a grid")
                    .setVideoLayout(Map.of("grid", Map.of("video_sources", List.of("*"))))
                    .setAudioSources("*")
                    .setResolution("320x240")
                    .setFormat(CompositionHook.Format.MP4)
                    .setStatusCallback(receiver.url(HOOK_EVENTS))
                    .create(client);
            // A disabled hook of the same account must not compose the room.
            CompositionHook off = CompositionHook.creator("Switched off")
                    .setEnabled(false)
                    .setAudioSources("*")
                    .create(client);

            Room room = Room.creator()
                    .setUniqueName("hooked")
                    .setRecordParticipantsOnConnect(true)
                    .create(client);
            BrowserCall call = BrowserCall.join(chromium, quorum.baseUrl(), "hooked", "carol");
            call.awaitMediaFlowing();
            // Real media for a few seconds: the composition lasts about this long.
            Thread.sleep(4000);
            Room.updater(room.getSid(), Room.RoomStatus.COMPLETED).update(client);
            call.awaitDisconnected(WAIT);

            Received enqueued = receiver.awaitEvent(HOOK_EVENTS, "composition-enqueued", WAIT);
            assertThat(enqueued.signedWith(ConfiguredServer.AUTH_TOKEN)).isTrue();
            assertThat(enqueued.params())
                    .containsEntry("HookSid", hook.getSid())
                    .containsEntry("HookFriendlyName", "Every room as a grid")
                    .containsEntry("HookUri", "/v1/CompositionHooks/" + hook.getSid())
                    .containsEntry("RoomSid", room.getSid())
                    .containsEntry("AccountSid", ConfiguredServer.ACCOUNT);
            String sid = enqueued.param("CompositionSid");
            assertThat(sid).startsWith("CJ");

            Received available = receiver.awaitEvent(HOOK_EVENTS, "composition-available", WAIT);
            List<Received> story = receiver.received().stream()
                    .filter(r -> r.url().equals(receiver.url(HOOK_EVENTS)))
                    .toList();
            assertThat(story).allSatisfy(r -> {
                assertThat(r.signedWith(ConfiguredServer.AUTH_TOKEN)).isTrue();
                assertThat(r.params()).containsEntry("CompositionSid", sid);
            });
            assertThat(story).extracting(Received::event).first().isEqualTo("composition-enqueued");
            assertThat(story).extracting(Received::event).last().isEqualTo("composition-available");
            assertThat(story)
                    .extracting(Received::event)
                    .contains("composition-started", "composition-progress")
                    .doesNotContain("composition-failed", "composition-hook-failed");
            assertThat(story)
                    .extracting(r -> Integer.parseInt(r.param("SequenceNumber")))
                    .isSorted();

            List<Composition> ofRoom =
                    SdkLists.all(Composition.reader().setRoomSid(room.getSid()).read(client));
            assertThat(ofRoom)
                    .as("only the enabled hook composed the room")
                    .extracting(Composition::getSid)
                    .containsExactly(sid);
            Composition c = ofRoom.get(0);
            assertThat(c.getStatus()).isEqualTo(Composition.Status.COMPLETED);
            assertThat(c.getFormat()).isEqualTo(Composition.Format.MP4);
            assertThat(c.getResolution()).isEqualTo("320x240");
            assertThat(c.getStatusCallback().toString()).isEqualTo(receiver.url(HOOK_EVENTS));
            assertThat(available.param("Size")).isEqualTo(String.valueOf(c.getSize()));
            assertThat(CompositionHook.fetcher(off.getSid()).fetch(client).getEnabled())
                    .isFalse();

            Response media = ConfiguredServer.get(client, "/v1/Compositions/" + sid + "/Media");
            assertThat(media.getStatusCode()).isEqualTo(302);
            HttpResponse<byte[]> file =
                    MediaFiles.download(new JsonObject(media.getContent()).getString("redirect_to"), null);
            assertThat(file.statusCode()).isEqualTo(200);
            Path mp4 = downloads.resolve(sid + ".mp4");
            Files.write(mp4, file.body());
            JsonObject probe = MediaFiles.probe(mp4);
            assertThat(MediaFiles.stream(probe, "video").getString("codec_name"))
                    .isEqualTo("h264");
            assertThat(MediaFiles.stream(probe, "audio").getString("codec_name"))
                    .isEqualTo("aac");
            assertThat(MediaFiles.duration(probe)).isGreaterThan(2.0);
            assertThat(MediaFiles.decodeErrors(mp4)).isEmpty();
        }
    }
}
