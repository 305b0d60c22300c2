package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.room.Participant;
import dev.quorum.sfu.transport.TestPeer;
import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.MediaStats;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fifty participants of one room pass ICE with their publisher transport's credentials, send one
 * DTLS ClientHello each and fall silent. Two Chromium tabs then join another room on the same
 * server: their DTLS handshakes take the usual milliseconds and each receives the other's audio
 * and video, while the fifty handshakes still hang.
 */
@RunsAlone
@Tag("slow")
class SilentHandshakesInChromiumTest {

    static final int SILENT = 50;
    static final Map<String, Object> SMALL_VIDEO = Map.of("video", Map.of("width", 320, "height", 180));
    /** Far above a loopback handshake (tens of ms), far below the 30 s a stuck worker would add. */
    static final Duration NORMAL_HANDSHAKE = Duration.ofSeconds(3);

    static final Duration HANG = Duration.ofMinutes(2);

    final List<TestPeer> silent = new ArrayList<>();
    MediaServer server;
    Chromium chromium;

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        for (TestPeer p : silent) {
            p.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fiftySilentHandshakesDoNotDelayTwoBrowsersInAnotherRoom() throws Exception {
        // The silent peers must still hang when the browsers are done, however slow this machine is.
        server = new MediaServer(c ->
                c.withTimeouts(c.consentTimeout().multipliedBy(4), HANG).withHandshakeLimits(c.maxHandshakes(), HANG));
        chromium = Chromium.start();
        for (int i = 0; i < SILENT; i++) {
            Participant p = server.rooms()
                    .join(server.accountSid(), "lobby", "silent-" + i, new Quiet())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            TestPeer peer = new TestPeer(false);
            silent.add(peer);
            TransportDescription d = p.publisherTransport(
                            peer.fingerprint().algorithm(), peer.fingerprint().hex())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            peer.start(d);
            peer.connectAndFallSilent();
        }
        awaitMetric("the silent peers' ClientHellos", () -> dtlsPacketsIn() >= SILENT && connecting() == SILENT);

        BrowserParticipant alice = BrowserParticipant.open(chromium, server.pageUrl(), "alice", false);
        alice.join(server.token("alice"), "daily", SMALL_VIDEO);
        BrowserParticipant bob = BrowserParticipant.open(chromium, server.pageUrl(), "bob", true);
        bob.join(server.token("bob"), "daily", SMALL_VIDEO);
        for (BrowserParticipant p : List.of(alice, bob)) {
            BrowserParticipant other = p == alice ? bob : alice;
            p.await(MediaStats.MARK);
            p.waitFor("media from " + other.identity, MediaStats.flowingFrom(other.sid()));
        }

        Timer handshakes =
                server.mediaMetrics.get("quorum.media.dtls.handshake").timer();
        System.out.printf(
                "Browsers' DTLS handshakes with %d silent ones in progress: %d, slowest %.0f ms%n",
                SILENT, handshakes.count(), handshakes.max(TimeUnit.MILLISECONDS));
        assertThat(handshakes.count()).as("two publishers and two subscribers").isEqualTo(4);
        assertThat(handshakes.max(TimeUnit.MILLISECONDS)).isLessThan(NORMAL_HANDSHAKE.toMillis());
        assertThat(connecting()).as("the silent peers' handshakes still hang").isEqualTo(SILENT);
    }

    double connecting() {
        return server.mediaMetrics
                .get("quorum.media.transports")
                .tag("state", "connecting")
                .gauge()
                .value();
    }

    double dtlsPacketsIn() {
        return server.mediaMetrics
                .get("quorum.media.packets")
                .tag("direction", "in")
                .tag("kind", "dtls")
                .counter()
                .count();
    }

    static void awaitMetric(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("waiting for " + what).isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** A participant with no client behind it: nothing to tell. */
    static final class Quiet implements Participant.Listener {
        @Override
        public void onParticipantConnected(ParticipantInfo participant, List<TrackInfo> tracks) {}

        @Override
        public void onParticipantDisconnected(ParticipantInfo participant) {}

        @Override
        public void onTrackPublished(ParticipantInfo participant, TrackInfo track) {}

        @Override
        public void onTrackUnpublished(ParticipantInfo participant, TrackInfo track) {}

        @Override
        public void onTrackEnabledChanged(ParticipantInfo participant, TrackInfo track) {}

        @Override
        public void onSubscriptionsChanged() {}

        @Override
        public void onDominantSpeakerChanged(String participantSidOrNull) {}

        @Override
        public void onDisconnected(int code, String reason) {}
    }
}
