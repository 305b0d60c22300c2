package dev.quorum.server.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.Composition;
import com.twilio.rest.video.v1.CompositionHook;
import com.twilio.rest.video.v1.Room;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.api.testing.CallbackReceiver.Received;
import dev.quorum.server.api.BrowserCall;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.server.api.SdkLists;
import dev.quorum.signaling.testing.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded room that ends because the server stops — a deploy in the middle of a meeting — is
 * still composed by the account's hook, once, with its whole story at the hook's callback.
 */
@Tag("slow")
class HookAcrossRestartTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String HOOK_EVENTS = "/video/hook";

    @TempDir
    Path data;

    @Test
    void aRoomEndedByTheServerStoppingIsComposedByTheHookOnce() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start();
                ConfiguredServer quorum = ConfiguredServer.start(data, Map.of())) {
            TwilioRestClient client = quorum.sdk();
            CompositionHook hook = CompositionHook.creator("Meetings")
                    .setAudioSources("*")
                    .setFormat(CompositionHook.Format.WEBM)
                    .setStatusCallback(receiver.url(HOOK_EVENTS))
                    .create(client);
            Room room = Room.creator()
                    .setUniqueName("deployed-over")
                    .setRecordParticipantsOnConnect(true)
                    .create(client);
            try (Chromium chromium = Chromium.start()) {
                BrowserCall call = BrowserCall.join(chromium, quorum.baseUrl(), "deployed-over", "frank");
                call.awaitMediaFlowing();
                // Real media for a few seconds before the stop.
                Thread.sleep(3000);
                quorum.restart();
            }
            client = quorum.sdk();

            Received available = receiver.awaitEvent(HOOK_EVENTS, "composition-available", WAIT);
            List<Received> story = receiver.received().stream()
                    .filter(r -> r.path().equals(HOOK_EVENTS))
                    .toList();
            assertThat(story)
                    .extracting(Received::event)
                    .contains("composition-enqueued")
                    .doesNotContain("composition-failed", "composition-hook-failed");
            assertThat(story)
                    .filteredOn(r -> "composition-enqueued".equals(r.event()))
                    .singleElement()
                    .satisfies(r -> assertThat(r.params())
                            .containsEntry("HookSid", hook.getSid())
                            .containsEntry("RoomSid", room.getSid())
                            .containsEntry("CompositionSid", available.param("CompositionSid")));
            List<Composition> made =
                    SdkLists.all(Composition.reader().setRoomSid(room.getSid()).read(client));
            assertThat(made)
                    .as("the hook composes the room once")
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.getSid()).isEqualTo(available.param("CompositionSid"));
                        assertThat(c.getStatus()).isEqualTo(Composition.Status.COMPLETED);
                    });
        }
    }
}
