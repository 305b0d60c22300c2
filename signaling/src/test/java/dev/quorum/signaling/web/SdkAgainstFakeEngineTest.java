package dev.quorum.signaling.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.DisconnectReason;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.FakeParticipant;
import dev.quorum.signaling.testing.FakeRooms;
import dev.quorum.signaling.testing.TestDescriptions;
import dev.quorum.signaling.testing.TestHttpServer;
import dev.quorum.signaling.token.AccessTokenMinter;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The SDK in Chromium against the real signaling server over a fake engine: every protocol step
 * the SDK takes (join, publish, answering offers, mute, preferred sizes, resume, being
 * disconnected) checked from both ends, without media.
 */
@Tag("slow")
class SdkAgainstFakeEngineTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String CONNECT = """
            const { connect } = await import('/sdk/quorum.js');
            const events = window.events = [];
            const room = window.room = await connect({ token: args[0], room: 'daily', video: {width: 320, height: 180} });
            for (const e of ['participantConnected', 'participantDisconnected', 'trackSubscribed', 'trackUnsubscribed',
                'trackDisabled', 'trackEnabled', 'dominantSpeakerChanged', 'reconnecting', 'reconnected', 'disconnected']) {
              room.on(e, (a, b) => events.push(e + ':' + (a && (a.identity || a.name || a.sid) || '') + (b && b.code ? ':' + b.code : '')));
            }
            return room.localParticipant.sid;
            """;

    static Chromium chromium;
    final FakeRooms rooms = new FakeRooms();
    TestHttpServer server;

    @BeforeAll
    static void browser() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        chromium.close();
    }

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, true);
        chromium.open(server.url() + "/");
    }

    @org.junit.jupiter.api.AfterEach
    void stop() throws Exception {
        chromium.open("about:blank");
        if (server != null) {
            server.close();
        }
    }

    String token(String identity) {
        return new AccessTokenMinter(TestHttpServer.KEY, Clock.systemUTC()).mint(identity, null, Duration.ofHours(1));
    }

    FakeParticipant joinAlice() {
        String sid = (String) chromium.await(CONNECT, token("alice"));
        FakeParticipant alice = rooms.last();
        assertThat(sid).isEqualTo(alice.sid);
        return alice;
    }

    @Test
    void connectPublishesMicrophoneAndSimulcastCamera() {
        FakeParticipant alice = joinAlice();
        assertThat(alice.publications).hasSize(2);
        assertThat(alice.publications.get(0).trackName()).isEqualTo("microphone");
        assertThat(alice.publications.get(1).trackName()).isEqualTo("camera");
        assertThat(alice.publications.get(1).rids()).containsExactly("q", "h", "f");
        assertThat(chromium.run(
                        "return [...room.localParticipant.tracks.values()].map(t => t.sid && t.sid.startsWith('MT'))"))
                .isEqualTo(List.of(true, true));
        assertThat(chromium.run("return room._publisher.signalingState")).isEqualTo("stable");
    }

    @Test
    void remoteParticipantsAndTheirTracksBecomeEvents() throws InterruptedException {
        FakeParticipant alice = joinAlice();
        ParticipantInfo bob = new ParticipantInfo(
                "PA000000000000000000000000000000b0",
                alice.room.sid(),
                alice.room.accountSid(),
                "bob",
                ParticipantInfo.CONNECTED,
                Instant.EPOCH,
                null);
        OutgoingTrack audio = TestDescriptions.track("0", TrackKind.AUDIO, "MT000000000000000000000000000000b1", 11);
        OutgoingTrack video = TestDescriptions.track("1", TrackKind.VIDEO, "MT000000000000000000000000000000b2", 22);
        alice.listener.onParticipantConnected(
                bob,
                List.of(
                        new TrackInfo(
                                audio.trackSid(),
                                bob.sid(),
                                alice.room.sid(),
                                "microphone",
                                TrackKind.AUDIO,
                                true,
                                "opus",
                                Instant.EPOCH),
                        new TrackInfo(
                                video.trackSid(),
                                bob.sid(),
                                alice.room.sid(),
                                "camera",
                                TrackKind.VIDEO,
                                true,
                                "VP8",
                                Instant.EPOCH)));
        alice.sections = List.of(withParticipant(audio, bob), withParticipant(video, bob));
        alice.listener.onSubscriptionsChanged();
        chromium.waitFor(
                "two tracks subscribed",
                "room.participants.get('" + bob.sid() + "')?.subscribedTracks.size === 2",
                WAIT);
        // The browser has the tracks once it applied the offer; its answer reaches the engine a moment later.
        alice.awaitCall("subscriberAnswered " + alice.offerVersion, WAIT);
        assertThat(alice.answeredVersion).isEqualTo(alice.offerVersion);
        chromium.run(
                "const t = [...room.participants.get(arguments[0]).subscribedTracks.values()].find(t => t.kind === 'video');"
                        + "t.setPreferredSize(320, 180);",
                bob.sid());
        alice.awaitCall("setVideoPreference " + video.trackSid() + " 320x180", WAIT);
        // A burst of resizes (a window being dragged) becomes the last size, not a flood.
        chromium.run(
                "const t = [...room.participants.get(arguments[0]).subscribedTracks.values()].find(t => t.kind === 'video');"
                        + "for (let w = 321; w <= 640; w++) t.setPreferredSize(w, 360);",
                bob.sid());
        alice.awaitCall("setVideoPreference " + video.trackSid() + " 640x360", WAIT);
        assertThat(alice.calls.stream().filter(c -> c.startsWith("setVideoPreference")))
                .hasSizeLessThanOrEqualTo(3);
        alice.listener.onDominantSpeakerChanged(bob.sid());
        alice.listener.onTrackEnabledChanged(
                bob,
                new TrackInfo(
                        audio.trackSid(),
                        bob.sid(),
                        alice.room.sid(),
                        "microphone",
                        TrackKind.AUDIO,
                        false,
                        "opus",
                        Instant.EPOCH));
        chromium.waitFor("dominant speaker", "room.dominantSpeaker?.identity === 'bob'", WAIT);
        chromium.waitFor("mute seen", "events.includes('trackDisabled:microphone')", WAIT);
        // Bob's audio goes away: its section becomes vacant and the SDK drops the track.
        alice.sections = List.of(vacant(withParticipant(audio, bob)), withParticipant(video, bob));
        alice.listener.onSubscriptionsChanged();
        chromium.waitFor("audio unsubscribed", "events.includes('trackUnsubscribed:microphone')", WAIT);
        assertThat(chromium.run("return room.participants.get(arguments[0]).subscribedTracks.size", bob.sid()))
                .isEqualTo(1L);
    }

    @Test
    void muteReachesTheEngine() throws InterruptedException {
        FakeParticipant alice = joinAlice();
        chromium.run("room.localParticipant.tracks.get('microphone').disable()");
        String sid = (String) chromium.run("return room.localParticipant.tracks.get('microphone').sid");
        alice.awaitCall("setTrackEnabled " + sid + " false", WAIT);
    }

    @Test
    void aDroppedSocketIsResumedWithoutLeavingTheRoom() {
        FakeParticipant alice = joinAlice();
        chromium.run("room.simulateConnectionLoss()");
        chromium.waitFor("reconnected", "events.includes('reconnected:')", WAIT);
        assertThat(alice.leftWith).isNull();
        assertThat(rooms.joined).hasSize(1);
        assertThat(chromium.run("return events")).asList().contains("reconnecting:");
    }

    @Test
    void lostMediaMeansAFreshJoin() {
        joinAlice();
        chromium.run("room.simulateConnectionLoss({media: true})");
        chromium.waitFor("rejoined", "events.includes('reconnected:')", WAIT);
        assertThat(rooms.joined).hasSize(2);
        assertThat(rooms.last().publications).hasSize(2);
        assertThat(chromium.run("return room.localParticipant.sid")).isEqualTo(rooms.last().sid);
    }

    @Test
    void aLeaveTheServerReportsForTheClosedConnectionsDoesNotStopTheRejoin() {
        joinAlice();
        // Closing its peer connections tells the server this participant left, and the server
        // closes the socket normally ("left"). When that close crosses the client's own, the
        // client's socket reports the server's code 1000; the socket here is made to close so.
        chromium.run("""
                const ws = room._socket;
                const close = ws.close.bind(ws);
                ws.close = () => close(1000, 'left');
                room.simulateConnectionLoss({media: true});
                """);
        chromium.waitFor("rejoined", "events.includes('reconnected:') && room.state === 'connected'", WAIT);
        assertThat(rooms.joined).hasSize(2);
        assertThat(chromium.run("return events.filter(e => e.startsWith('disconnected'))"))
                .isEqualTo(List.of());
    }

    @Test
    void disconnectWhileReconnectingStaysDisconnected() {
        joinAlice();
        Object after = chromium.await("""
                // As a user (or a test) does it: a moment after the SDK started reconnecting, while
                // it waits out its first back-off (250 ms).
                room.on('reconnecting', () => setTimeout(() => room.disconnect(), 50));
                room.simulateConnectionLoss();
                // Well past that first attempt, which must not come.
                await new Promise(r => setTimeout(r, 1500));
                return room.state;
                """);
        assertThat(after).isEqualTo("disconnected");
        assertThat(chromium.run("return events"))
                .asList()
                .contains("reconnecting:", "disconnected:daily")
                .doesNotContain("reconnected:");
        Counter resumes = server.registry
                .find("quorum.signaling.messages")
                .tag("type", "resume")
                .counter();
        assertThat(resumes == null ? 0 : resumes.count())
                .as("resume messages the server received")
                .isZero();
        assertThat(rooms.joined).hasSize(1);
    }

    @Test
    void anOfferQueuedForPeerConnectionsThatWereClosedIsNotAnsweredFromNewOnes() throws InterruptedException {
        FakeParticipant alice = joinAlice();
        OutgoingTrack audio = TestDescriptions.track("0", TrackKind.AUDIO, "MT000000000000000000000000000000b1", 11);
        alice.sections = List.of(audio);
        alice.listener.onSubscriptionsChanged();
        chromium.waitFor("the first offer answered", "room._subscriber?.signalingState === 'stable'", WAIT);
        alice.awaitCall("subscriberAnswered " + alice.offerVersion, WAIT);
        long answered = alice.answeredVersion;
        // An offer still queued when the connections close (the server lost the media, or they
        // failed) was made for the session those connections served.
        Object result = chromium.await("""
                const offer = { type: 'offer', version: 99, sdp: room._subscriber.remoteDescription.sdp, tracks: [] };
                room._onOffer(offer);
                const queued = room._offers;
                room._closePeerConnections();
                await queued;
                return room._subscriber === null;
                """);
        assertThat(result)
                .as("no new subscriber connection was made for the stale offer")
                .isEqualTo(true);
        assertThat(alice.answeredVersion).isEqualTo(answered);
        assertThat(chromium.run("return events")).asList().doesNotContain("warning:53006");
    }

    @Test
    void beingReplacedEndsTheRoomWithTheReason() {
        FakeParticipant alice = joinAlice();
        alice.listener.onDisconnected(DisconnectReason.DUPLICATE_IDENTITY, "joined from another connection");
        chromium.waitFor("disconnected", "room.state === 'disconnected'", WAIT);
        assertThat(chromium.run("return events.filter(e => e.startsWith('disconnected'))"))
                .isEqualTo(List.of("disconnected:daily:53205"));
    }

    @Test
    void whenTheServerLostItsMediaTheSdkJoinsAgain() {
        FakeParticipant alice = joinAlice();
        alice.listener.onDisconnected(DisconnectReason.MEDIA_CONNECTION_FAILED, "media connection failed");
        chromium.waitFor("rejoined", "events.includes('reconnected:') && room.state === 'connected'", WAIT);
        assertThat(rooms.joined).hasSize(2);
        assertThat(rooms.last().publications).hasSize(2);
        assertThat(chromium.run("return events.filter(e => e.startsWith('disconnected'))"))
                .isEqualTo(List.of());
    }

    @Test
    void withTheServerGoneTheSdkGivesUpAfterItsReconnectTimeout() throws Exception {
        chromium.await("""
                const { connect } = await import('/sdk/quorum.js');
                const events = window.events = [];
                const room = window.room = await connect({ token: args[0], room: 'daily', video: false,
                    reconnectTimeout: 2000 });
                room.on('reconnecting', () => events.push('reconnecting'));
                room.on('disconnected', (r, e) => events.push('disconnected:' + (e && e.code)));
                """, token("alice"));
        server.close();
        server = null;
        chromium.waitFor("gave up", "events.includes('disconnected:53001')", WAIT);
        assertThat(chromium.run("return events")).isEqualTo(List.of("reconnecting", "disconnected:53001"));
    }

    @Test
    void aRefusedTokenRejectsConnect() {
        Object result = chromium.await("""
                const { connect } = await import('/sdk/quorum.js');
                try { await connect({ token: 'x.y.z', room: 'daily', video: false }); return 'joined'; }
                catch (e) { return e.code + ' ' + e.reason; }
                """);
        assertThat(result).isEqualTo("20101 malformed");
    }

    @Test
    void aRefusedPublishLeavesTheRoomAndStopsTheCamera() throws InterruptedException {
        Object result = chromium.await("""
                const { connect } = await import('/sdk/quorum.js');
                const camera = (await navigator.mediaDevices.getUserMedia({video: true})).getVideoTracks()[0];
                // A track name over 128 characters: the server refuses the publish offer.
                try {
                  await connect({ token: args[0], room: 'daily', audio: false, video: camera,
                      simulcast: false, names: {video: 'x'.repeat(129)} });
                  return 'joined';
                } catch (e) { return e.code + ' ' + camera.readyState; }
                """, token("alice"));
        assertThat(result).isEqualTo("53004 ended");
        // The SDK rejects at once and sends its leave; the server reads it a moment later.
        rooms.last().awaitCall("leave left", WAIT);
    }

    private static OutgoingTrack withParticipant(OutgoingTrack t, ParticipantInfo p) {
        return new OutgoingTrack(
                t.mid(),
                true,
                t.trackSid(),
                p.sid(),
                p.identity(),
                t.trackName(),
                t.kind(),
                t.codec(),
                t.ssrc(),
                t.rtxSsrc(),
                t.cname(),
                p.sid(),
                t.headerExtensions());
    }

    private static OutgoingTrack vacant(OutgoingTrack t) {
        return new OutgoingTrack(
                t.mid(),
                false,
                t.trackSid(),
                t.participantSid(),
                t.identity(),
                t.trackName(),
                t.kind(),
                t.codec(),
                t.ssrc(),
                t.rtxSsrc(),
                t.cname(),
                t.streamId(),
                t.headerExtensions());
    }
}
