package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.rtcp.PictureLossIndication;
import dev.quorum.rtp.rtcp.SenderReport;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recording rules decide which tracks reach the MediaTap; sinks see packets, reports, mute and pause. */
class RecordingTapsTest {

    private EngineHarness h = new EngineHarness(RoomsConfig.defaults(), acc -> RoomSettings.defaults(true));
    private final EngineFixture f = new EngineFixture(h);
    private final TestClient client = new TestClient();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void recordParticipantsOnConnectTapsEveryTrackWithItsDescription() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        List<TrackInfo> tracks =
                f.publish(alice, TestMedia.audio("0", "mic", 0x2222), TestMedia.video("1", "cam", 0x1111, 0x1112));
        h.awaitTaps();
        assertThat(h.tap.open()).hasSize(2);
        RecordingTap.Sink mic = h.tap.open().stream()
                .filter(s -> s.track.kind() == TrackKind.AUDIO)
                .findFirst()
                .orElseThrow();
        assertThat(mic.track.trackSid()).isEqualTo(tracks.get(0).sid());
        assertThat(mic.track.codec()).isEqualTo("opus");
        assertThat(mic.track.clockRate()).isEqualTo(48000);
        assertThat(mic.track.participantIdentity()).isEqualTo("alice");
        assertThat(mic.track.roomName()).isEqualTo("r");

        TestClient.Stream a = client.stream(0x2222, TestMedia.OPUS, "0", null, 10, 0, 0);
        f.send(alice, a.opus(30), a.opus(30));
        ByteBuf sr = PooledByteBufAllocator.DEFAULT.buffer();
        new SenderReport(0x2222, 1L << 40, 960, 2, 80).writeTo(sr);
        h.links.publisher(alice).receiveRtcp(sr, h.clock.nanoTime());
        assertThat(mic.sequenceNumbers).containsExactly(10, 11);
        assertThat(mic.senderReports).isEqualTo(1);

        // The video tap waits for a keyframe, which the engine asks for when the tap opens.
        h.advance(Duration.ofMillis(350));
        assertThat(Received.only(Received.rtcp(h.links.publisher(alice).takeRtcp()), PictureLossIndication.class))
                .isNotEmpty();
        TestClient.Stream v = client.stream(0x1111, TestMedia.VP8, "1", null, 500, 0, 0);
        f.send(alice, v.vp8(false, 0, 0, 100), v.vp8(true, 640, 360, 100), v.vp8(false, 0, 0, 100));
        RecordingTap.Sink cam = h.tap.open().stream()
                .filter(s -> s.track.kind() == TrackKind.VIDEO)
                .findFirst()
                .orElseThrow();
        assertThat(cam.sequenceNumbers).containsExactly(501, 502);
    }

    @Test
    void changingTheRulesStartsAndStopsTapsMidRoom() throws Exception {
        Participant alice = h.join("r", "alice", new RecordingListener());
        f.publish(alice, TestMedia.audio("0", "mic", 0x2222), TestMedia.video("1", "cam", 0x1111, 0x1112));
        h.awaitTaps();
        String room = alice.room().sid();
        h.rooms.setRecordingRules(
                EngineHarness.ACCOUNT,
                room,
                List.of(
                        new RecordingRule(true, true, null, null, null),
                        new RecordingRule(false, false, TrackKind.VIDEO, null, null)));
        h.awaitTaps();
        assertThat(h.tap.open())
                .singleElement()
                .satisfies(s -> assertThat(s.track.kind()).isEqualTo(TrackKind.AUDIO));
        assertThat(h.tap.sinks)
                .filteredOn(s -> s.closed)
                .singleElement()
                .satisfies(s -> assertThat(s.track.kind()).isEqualTo(TrackKind.VIDEO));
        assertThat(h.rooms.recordingRules(EngineHarness.ACCOUNT, room)).hasSize(2);

        h.rooms.setRecordingRules(
                EngineHarness.ACCOUNT, room, List.of(new RecordingRule(false, true, null, null, null)));
        h.awaitTaps();
        assertThat(h.tap.open()).isEmpty();
        TestClient.Stream a = client.stream(0x2222, TestMedia.OPUS, "0", null, 10, 0, 0);
        f.send(alice, a.opus(30));
        assertThat(h.tap.sinks).allSatisfy(s -> assertThat(s.sequenceNumbers).isEmpty());

        // Recording again makes new sinks (new Recordings), not the old ones reopened.
        h.rooms.setRecordingRules(EngineHarness.ACCOUNT, room, RecordingRule.RECORD_ALL);
        h.awaitTaps();
        assertThat(h.tap.open()).hasSize(2);
        assertThat(h.tap.sinks).hasSize(4);
    }

    @Test
    void pauseMuteAndLeavingReachTheSinks() throws Exception {
        Participant alice = h.join("r", "alice", new RecordingListener());
        f.publish(alice, TestMedia.audio("0", "mic", 0x2222));
        h.awaitTaps();
        RecordingTap.Sink mic = h.tap.open().get(0);
        h.rooms.setRecordingPaused(EngineHarness.ACCOUNT, alice.room().sid(), true);
        h.rooms.setRecordingPaused(EngineHarness.ACCOUNT, alice.room().sid(), false);
        alice.setTrackEnabled("0", false);
        h.awaitTaps();
        alice.leave("bye");
        h.awaitTaps();
        assertThat(mic.calls).containsExactly("paused true", "paused false", "enabled false", "closed");
    }

    @Test
    void aTapOpenedWhileRecordingIsPausedStartsPausedAndTheRoomEndClosesIt() throws Exception {
        h.close();
        h = new EngineHarness(RoomsConfig.defaults(), acc -> RoomSettings.defaults(false));
        EngineFixture fx = new EngineFixture(h);
        Participant alice = h.join("r", "alice", new RecordingListener());
        fx.publish(alice, TestMedia.audio("0", "mic", 0x2222));
        h.rooms.setRecordingPaused(EngineHarness.ACCOUNT, alice.room().sid(), true);
        h.rooms.setRecordingRules(EngineHarness.ACCOUNT, alice.room().sid(), RecordingRule.RECORD_ALL);
        h.awaitTaps();
        RecordingTap.Sink mic = h.tap.open().get(0);
        h.rooms.completeRoom(EngineHarness.ACCOUNT, alice.room().sid());
        h.awaitTaps();
        assertThat(mic.calls).containsExactly("paused true", "closed");
    }

    @Test
    void theTapFollowsTheHighestFlowingSimulcastLayerOnceBothLayersHaveASenderReport() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        f.publish(alice, TestMedia.simulcast("0", "cam"));
        h.awaitTaps();
        TestClient.Stream q = client.stream(0xA0, TestMedia.VP8, "0", "q", 100, 0, 0);
        TestClient.Stream full = client.stream(0xA2, TestMedia.VP8, "0", "f", 900, 0, 0);
        f.send(alice, q.vp8(true, 320, 180, 100), full.vp8(true, 1280, 720, 100));
        for (int i = 0; i < 5; i++) {
            f.send(alice, q.vp8(false, 0, 0, 100), full.vp8(false, 0, 0, 100));
            h.clock.advanceMillis(33);
        }
        RecordingTap.Sink cam = h.tap.open().get(0);
        // The low layer's keyframe came first, so the recording starts there. Without sender reports
        // the recorder could not place the top layer's frames after it: the tap stays.
        assertThat(cam.ssrcs).hasSize(6).containsOnly(0xA0L);
        senderReport(alice, 0xA0);
        f.send(alice, q.vp8(false, 0, 0, 100), full.vp8(true, 1280, 720, 100));
        assertThat(cam.ssrcs).as("only the low layer has a report").hasSize(7).containsOnly(0xA0L);

        // Every layer's report reaches the sink, with its SSRC; then the next top keyframe switches.
        senderReport(alice, 0xA2);
        assertThat(cam.reportSsrcs).containsExactly(0xA0L, 0xA2L);
        f.send(alice, q.vp8(false, 0, 0, 100), full.vp8(false, 0, 0, 100));
        assertThat(cam.ssrcs).hasSize(8).containsOnly(0xA0L);
        assertThat(Received.only(Received.rtcp(h.links.publisher(alice).takeRtcp()), PictureLossIndication.class))
                .as("the top layer is asked for the keyframe the switch waits for")
                .anySatisfy(pli -> assertThat(pli.mediaSsrc()).isEqualTo(0xA2L));
        f.send(alice, full.vp8(true, 1280, 720, 100), q.vp8(false, 0, 0, 100), full.vp8(false, 0, 0, 100));
        assertThat(cam.ssrcs.subList(8, cam.ssrcs.size())).containsExactly(0xA2L, 0xA2L);

        // The top layer stops: after the layer timeout the tap moves down at the next keyframe; the
        // stopped layer will not send another report, so none is waited for.
        for (int i = 0; i < 60; i++) {
            f.send(alice, q.vp8(false, 0, 0, 100));
            h.advance(Duration.ofMillis(33));
        }
        f.send(alice, q.vp8(true, 320, 180, 100), q.vp8(false, 0, 0, 100));
        assertThat(cam.ssrcs.subList(cam.ssrcs.size() - 2, cam.ssrcs.size())).containsOnly(0xA0L);
    }

    @Test
    void aPublisherThatSendsNoSenderReportsIsSwitchedAfterAWait() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        f.publish(alice, TestMedia.simulcast("0", "cam"));
        h.awaitTaps();
        TestClient.Stream q = client.stream(0xA0, TestMedia.VP8, "0", "q", 100, 0, 0);
        TestClient.Stream full = client.stream(0xA2, TestMedia.VP8, "0", "f", 900, 0, 0);
        f.send(alice, q.vp8(true, 320, 180, 100), full.vp8(true, 1280, 720, 100));
        for (int i = 0; i < 55; i++) {
            f.send(alice, q.vp8(false, 0, 0, 100), full.vp8(false, 0, 0, 100));
            h.advance(Duration.ofMillis(33));
        }
        RecordingTap.Sink cam = h.tap.open().get(0);
        assertThat(cam.ssrcs).containsOnly(0xA0L);
        for (int i = 0; i < 10; i++) {
            f.send(alice, q.vp8(false, 0, 0, 100), full.vp8(false, 0, 0, 100));
            h.advance(Duration.ofMillis(33));
        }
        f.send(alice, full.vp8(true, 1280, 720, 100));
        assertThat(cam.ssrcs.get(cam.ssrcs.size() - 1)).as("2 s later").isEqualTo(0xA2L);
    }

    @Test
    void aTapOpenedMidTrackGetsEachLayersLastSenderReportFirst() throws Exception {
        h.close();
        h = new EngineHarness(RoomsConfig.defaults(), acc -> RoomSettings.defaults(false));
        EngineFixture fx = new EngineFixture(h);
        Participant alice = h.join("r", "alice", new RecordingListener());
        fx.publish(alice, TestMedia.simulcast("0", "cam"));
        TestClient.Stream q = client.stream(0xA0, TestMedia.VP8, "0", "q", 100, 0, 0);
        TestClient.Stream full = client.stream(0xA2, TestMedia.VP8, "0", "f", 900, 0, 0);
        fx.send(alice, q.vp8(true, 320, 180, 100), full.vp8(true, 1280, 720, 100));
        senderReport(alice, 0xA2);
        senderReport(alice, 0xA0);
        h.rooms.setRecordingRules(EngineHarness.ACCOUNT, alice.room().sid(), RecordingRule.RECORD_ALL);
        h.awaitTaps();
        RecordingTap.Sink cam = h.tap.open().get(0);
        assertThat(cam.reportSsrcs).containsExactly(0xA0L, 0xA2L);
        assertThat(cam.ssrcs).isEmpty();
    }

    private void senderReport(Participant publisher, long ssrc) {
        ByteBuf sr = PooledByteBufAllocator.DEFAULT.buffer();
        new SenderReport(ssrc, 1L << 40, 960, 2, 80).writeTo(sr);
        h.links.publisher(publisher).receiveRtcp(sr, h.clock.nanoTime());
        h.sync();
    }
}
