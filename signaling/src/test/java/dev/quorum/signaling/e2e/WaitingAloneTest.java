package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.sfu.transport.TransportConfig;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.MediaStats;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A host who waits alone for the others, and a publisher whose only company is a receive-only
 * viewer, stay in the room past the consent timeout: a participant with nothing to receive has
 * no subscriber connection for that timeout to end. The timeout is shortened to a few seconds
 * (Chromium refreshes consent every 2.5 s on a connected transport) so the test waits past it
 * without waiting the default 30 s; the mechanism is the same.
 */
@RunsAlone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class WaitingAloneTest {

    static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(6);
    static final Map<String, Object> SMALL_VIDEO = Map.of("video", Map.of("width", 320, "height", 240));
    static final Map<String, Object> NO_MEDIA = Map.of("video", false, "audio", false);

    MediaServer server;
    Chromium chromium;
    BrowserParticipant host;

    @BeforeAll
    void start() throws Exception {
        server = new MediaServer(c -> c.withTimeouts(CONSENT_TIMEOUT, TransportConfig.DEFAULT_HANDSHAKE_TIMEOUT));
        chromium = Chromium.start();
    }

    @AfterAll
    void stop() throws Exception {
        chromium.close();
        server.close();
    }

    double mediaFailures() {
        var c = server.http
                .registry
                .find("quorum.signaling.errors")
                .tag("code", "53405")
                .counter();
        return c == null ? 0 : c.count();
    }

    /** Waits past the consent timeout: what must not happen can only be shown by waiting for it. */
    static void outlastConsentTimeout() throws InterruptedException {
        Thread.sleep(CONSENT_TIMEOUT.plusSeconds(3).toMillis());
    }

    @Test
    @Order(1)
    void aHostAloneInTheRoomStaysPastTheConsentTimeout() throws Exception {
        host = BrowserParticipant.open(chromium, server.pageUrl(), "host", false);
        host.join(server.token("host"), "lobby", SMALL_VIDEO);
        host.waitFor(
                "published",
                "room.localParticipant.tracks.size === 2"
                        + " && [...room.localParticipant.tracks.values()].every(t => t.sid)");

        outlastConsentTimeout();

        assertThat(host.events()).noneMatch(e -> e.startsWith("disconnected") || e.startsWith("reconnecting"));
        assertThat(host.run("return room.state")).isEqualTo("connected");
        assertThat(mediaFailures()).isZero();
        String roomSid = server.rooms()
                .findRoom(server.accountSid(), "lobby")
                .orElseThrow()
                .sid();
        assertThat(server.rooms().participants(server.accountSid(), roomSid))
                .extracting(p -> p.identity())
                .containsExactly("host");
    }

    @Test
    @Order(2)
    void aPublisherWithOnlyAViewerStaysAndTheViewerKeepsReceiving() throws Exception {
        BrowserParticipant viewer = BrowserParticipant.open(chromium, server.pageUrl(), "viewer", true);
        viewer.join(server.token("viewer"), "lobby", NO_MEDIA);
        viewer.await(MediaStats.MARK);
        viewer.waitFor("the host's media", MediaStats.flowingFrom(host.sid()));

        outlastConsentTimeout();

        assertThat(host.events()).noneMatch(e -> e.startsWith("disconnected") || e.startsWith("reconnecting"));
        assertThat(viewer.events()).noneMatch(e -> e.startsWith("disconnected") || e.startsWith("reconnecting"));
        assertThat(mediaFailures()).isZero();
        viewer.await(MediaStats.MARK);
        viewer.waitFor("the host's media, still", MediaStats.flowingFrom(host.sid()));
        String roomSid = server.rooms()
                .findRoom(server.accountSid(), "lobby")
                .orElseThrow()
                .sid();
        assertThat(server.rooms().participants(server.accountSid(), roomSid))
                .extracting(p -> p.identity())
                .containsExactlyInAnyOrder("host", "viewer");
    }
}
