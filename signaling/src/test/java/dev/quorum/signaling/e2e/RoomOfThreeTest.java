package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.Fixtures;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.MediaStats;
import java.util.List;
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
 * Three people in one room through the whole server (media port, rooms engine, signaling) in
 * headless Chromium, one tab each with the fake camera and microphone. The steps build on each
 * other, as a real call does: everyone sees and hears everyone; bad input from one client and a
 * flooding fourth client disturb nobody else; a dropped signaling socket resumes; a participant
 * whose whole connection died rejoins; one who leaves, or just closes the tab, disappears for the
 * others.
 */
@RunsAlone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class RoomOfThreeTest {

    static final Map<String, Object> SMALL_VIDEO = Map.of("video", Map.of("width", 640, "height", 360));

    MediaServer server;
    Chromium chromium;
    BrowserParticipant alice;
    BrowserParticipant bob;
    BrowserParticipant carol;

    @BeforeAll
    void start() throws Exception {
        server = new MediaServer();
        chromium = Chromium.start();
        alice = join("alice", false);
        bob = join("bob", true);
        carol = join("carol", true);
    }

    @AfterAll
    void stop() throws Exception {
        chromium.close();
        server.close();
    }

    BrowserParticipant join(String identity, boolean newTab) {
        BrowserParticipant p = BrowserParticipant.open(chromium, server.pageUrl(), identity, newTab);
        p.join(server.token(identity), "daily", SMALL_VIDEO);
        return p;
    }

    /** Each of {@code who} receives audio and video from each of {@code from}, now. */
    static void receiving(List<BrowserParticipant> who, List<BrowserParticipant> from) {
        for (BrowserParticipant p : who) {
            String[] sids = from.stream()
                    .filter(f -> f != p)
                    .map(BrowserParticipant::sid)
                    .toArray(String[]::new);
            p.await(MediaStats.MARK);
            p.waitFor("media from " + String.join(", ", sids), MediaStats.flowingFrom(sids));
        }
    }

    double errors(int code) {
        var c = server.http
                .registry
                .find("quorum.signaling.errors")
                .tag("code", Integer.toString(code))
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    @Order(1)
    void everyoneSeesAndHearsEveryoneElse() {
        List<BrowserParticipant> all = List.of(alice, bob, carol);
        receiving(all, all);
        assertThat(alice.await(MediaStats.INBOUND))
                .asString()
                .contains("video/VP8")
                .contains("audio/opus");
        assertThat(server.rooms()
                        .participants(
                                server.accountSid(),
                                server.rooms()
                                        .findRoom(server.accountSid(), "daily")
                                        .orElseThrow()
                                        .sid()))
                .hasSize(3);
    }

    @Test
    @Order(2)
    void badInputIsAnsweredWithErrorsAndDisturbsNobodyElse() {
        String noOpus = Fixtures.text(Fixtures.AUDIO_OFFER)
                .replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "m=audio 9 UDP/TLS/RTP/SAVPF 0")
                .replaceAll("a=(rtpmap|fmtp|rtcp-fb):(111|63|9|8|13|110|126) [^\r]*\r\n", "");
        alice.run("""
                const send = (m) => room._socket.send(typeof m === 'string' ? m : JSON.stringify(m));
                send('{"type":"publish","sdp":');
                send({type: 'teleport', to: 'mars'});
                send({type: 'publish', id: 'broken', sdp: 'v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\nm=audio nine RTP 0\\r\\n'});
                send({type: 'publish', id: 'pcmu', sdp: arguments[0]});
                """, noOpus);
        alice.waitFor(
                "four errors",
                "['warning:53004', 'warning:53005', 'warning:53403', 'warning:53404']"
                        + ".every(w => events.includes(w))");
        assertThat(alice.run("return room.state")).isEqualTo("connected");

        BrowserParticipant mallory = BrowserParticipant.open(chromium, server.pageUrl(), "mallory", true);
        mallory.join(server.token("mallory"), "daily", Map.of("video", false, "audio", false));
        mallory.run("for (let i = 0; i < 1000; i++) room._socket.send('{\"type\":\"ping\"}');");
        mallory.waitFor("flood refused", "events.includes('warning:53008')");
        mallory.waitFor("reconnecting after 4429", "events.includes('reconnecting:')");
        mallory.run("room.disconnect()");

        assertThat(errors(53004)).isEqualTo(1);
        assertThat(errors(53005)).isEqualTo(1);
        assertThat(errors(53403)).isEqualTo(1);
        assertThat(errors(53404)).isEqualTo(1);
        assertThat(errors(53008)).isEqualTo(1);
        List<BrowserParticipant> all = List.of(alice, bob, carol);
        receiving(all, all);
        assertThat(alice.events()).doesNotContain("participantDisconnected:bob", "participantDisconnected:carol");
    }

    @Test
    @Order(3)
    void aDroppedSignalingSocketResumesWithoutInterruptingMedia() {
        String bobSid = bob.sid();
        bob.run("room.simulateConnectionLoss()");
        bob.waitFor("resumed", "events.includes('reconnected:')");
        assertThat(bob.run("return room.localParticipant.sid")).isEqualTo(bobSid);
        assertThat(alice.events()).doesNotContain("participantDisconnected:bob");
        receiving(List.of(alice, bob, carol), List.of(alice, bob, carol));
    }

    @Test
    @Order(4)
    void aParticipantWhoseConnectionDiedRejoinsAndIsSeenAgain() {
        String oldSid = bob.sid();
        bob.run("room.simulateConnectionLoss({media: true})");
        bob.waitFor("rejoined", "events.includes('reconnected:') && room.localParticipant.sid !== '" + oldSid + "'");
        BrowserParticipant rejoined = bob.withSid((String) bob.run("return room.localParticipant.sid"));
        bob = rejoined;
        alice.waitFor("old bob gone", "!room.participants.has('" + oldSid + "')");
        alice.waitFor("new bob present", "room.participants.has('" + bob.sid() + "')");
        receiving(List.of(alice, bob, carol), List.of(alice, bob, carol));
    }

    @Test
    @Order(5)
    void whenSomeoneLeavesTheirTracksDisappearForTheOthers() {
        String carolSid = carol.sid();
        carol.run("room.disconnect()");
        for (BrowserParticipant p : List.of(alice, bob)) {
            p.waitFor("carol gone", "!room.participants.has('" + carolSid + "')");
            p.waitFor(
                    "carol's tracks unsubscribed",
                    "events.filter(e => e === 'trackUnsubscribed:camera' || e === 'trackUnsubscribed:microphone').length >= 2"
                            + " && [...room._midTracks.values()].every(t => t.participantSid !== '" + carolSid + "')");
            p.waitFor(
                    "her sections inactive",
                    "room._subscriber.getTransceivers().filter(t => t.currentDirection === 'inactive')"
                            + ".length >= 2");
        }
        receiving(List.of(alice, bob), List.of(alice, bob));
    }

    @Test
    @Order(6)
    void aTabClosedWithoutLeavingDisappearsForTheOthersWithinSeconds() {
        BrowserParticipant dave = join("dave", true);
        alice.waitFor(
                "dave's media",
                "[...(room.participants.get('" + dave.sid() + "')?.subscribedTracks.values() || [])]"
                        + ".length === 2");
        long closedAt = System.nanoTime();
        dave.closeTab();
        // Well inside the resume window (20 s) a dropped connection would be kept for.
        alice.waitFor("dave gone", "!room.participants.has('" + dave.sid() + "')", java.time.Duration.ofSeconds(8));
        alice.waitFor(
                "dave's tracks unsubscribed",
                "[...room._midTracks.values()].every(t => t.participantSid !== '" + dave.sid() + "')",
                java.time.Duration.ofSeconds(8));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - closedAt))
                .isLessThan(java.time.Duration.ofSeconds(10));
        assertThat(server.rooms()
                        .participants(
                                server.accountSid(),
                                server.rooms()
                                        .findRoom(server.accountSid(), "daily")
                                        .orElseThrow()
                                        .sid()))
                .noneMatch(p -> p.identity().equals("dave"));

        // Closing the peer connection (DTLS close_notify) with the socket still open is a leave too.
        BrowserParticipant erin = join("erin", true);
        alice.waitFor("erin present", "room.participants.has('" + erin.sid() + "')");
        erin.run("room._publisher.close()");
        erin.waitFor("session ended without an error", "events.includes('disconnected:daily')");
        alice.waitFor("erin gone", "!room.participants.has('" + erin.sid() + "')");
        assertThat(erin.events()).noneMatch(e -> e.startsWith("disconnected:") && e.contains("53405"));
        assertThat(errors(53405))
                .as("nobody was told of a failed media connection")
                .isZero();
        erin.closeTab();
        receiving(List.of(alice, bob), List.of(alice, bob));
    }

    @Test
    @Order(7)
    void muteAndUnmuteAreSeenByTheOthers() {
        alice.run("room.localParticipant.tracks.get('microphone').disable()");
        bob.waitFor(
                "alice muted",
                "events.includes('trackDisabled:microphone') && [...room.participants.get('" + alice.sid()
                        + "').subscribedTracks.values()].find(t => t.kind === 'audio').isEnabled === false");
        alice.run("room.localParticipant.tracks.get('microphone').enable()");
        bob.waitFor(
                "alice unmuted",
                "events.includes('trackEnabled:microphone') && [...room.participants.get('" + alice.sid()
                        + "').subscribedTracks.values()].find(t => t.kind === 'audio').isEnabled === true");
    }

    @Test
    @Order(8)
    void aTrackPublishedMidCallAppearsAtTheOthersAndGoesAwayOnUnpublish() {
        Object sid = alice.await("""
                const canvas = document.createElement('canvas');
                canvas.width = 320;
                canvas.height = 240;
                const g = canvas.getContext('2d');
                let n = 0;
                window.painter = setInterval(() => { g.fillStyle = `hsl(${(n++ * 7) % 360} 80% 50%)`; g.fillRect(0, 0, 320, 240); }, 40);
                const track = canvas.captureStream(25).getVideoTracks()[0];
                const published = await room.localParticipant.publishTrack(track, { name: 'canvas' });
                return published.sid;
                """);
        assertThat(sid).asString().startsWith("MT");
        assertThat(alice.run("return [...room.localParticipant.tracks.keys()]"))
                .isEqualTo(List.of("microphone", "camera", "canvas"));
        bob.waitFor("alice's canvas subscribed", "events.includes('trackSubscribed:canvas')");
        bob.waitFor(
                "its frames decoded",
                "(document.querySelector('[data-track=\"" + sid + "\"]')?.videoWidth || 0) === 320");
        receiving(List.of(bob), List.of(alice));

        alice.await("await room.localParticipant.unpublishTrack('canvas'); clearInterval(window.painter);");
        bob.waitFor(
                "alice's canvas unpublished",
                "events.includes('trackUnsubscribed:canvas') && " + "![...room.participants.get('" + alice.sid()
                        + "').tracks.values()].some(t => t.name === 'canvas')");
        assertThat(alice.run("return [...room.localParticipant.tracks.keys()]"))
                .isEqualTo(List.of("microphone", "camera"));
        receiving(List.of(alice, bob), List.of(alice, bob));
    }
}
