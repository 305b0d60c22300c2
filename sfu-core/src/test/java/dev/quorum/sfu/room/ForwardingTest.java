package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.ext.AudioLevel;
import dev.quorum.rtp.ext.TransportWideSequenceNumber;
import dev.quorum.rtp.rtcp.PictureLossIndication;
import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.room.forward.HeaderExtension;
import dev.quorum.sfu.room.simulcast.SendHistory;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fan-out, keyframes on join and per-subscriber numbering, without a network. */
class ForwardingTest {

    private final EngineHarness h = new EngineHarness();
    private final EngineFixture f = new EngineFixture(h);
    private final TestClient client = new TestClient();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static byte[] vp8Frame(byte[] payload) {
        return Arrays.copyOfRange(payload, 5, payload.length);
    }

    @Test
    void everySubscriberGetsTheTrackFromAKeyframeOnUnderItsOwnNumbers() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        Participant bob = h.join("r", "bob", new RecordingListener());
        Participant carol = h.join("r", "carol", new RecordingListener());
        TrackInfo cam =
                f.publish(alice, TestMedia.video("0", "cam", 0x1111, 0x1112)).get(0);
        OutgoingTrack toBob = EngineFixture.section(f.subscribe(bob), cam.sid());
        OutgoingTrack toCarol = EngineFixture.section(f.subscribe(carol), cam.sid());

        // Both subscriptions started: the publisher is asked for a keyframe once (throttled).
        List<RtcpPacket> upstream = Received.rtcp(h.links.publisher(alice).takeRtcp());
        assertThat(Received.only(upstream, PictureLossIndication.class))
                .singleElement()
                .satisfies(p -> assertThat(p.mediaSsrc()).isEqualTo(0x1111));

        TestClient.Stream s = client.stream(0x1111, TestMedia.VP8, "0", null, 65533, 0xFFFFF000L, 0x7FFE);
        f.send(alice, s.vp8(false, 0, 0, 100));
        byte[][] frames = new byte[4][];
        for (int i = 0; i < 4; i++) {
            int seq = s.sequence;
            f.send(alice, s.vp8(i == 0, 640, 360, 100 + i));
            frames[i] = s.payloads.get(seq);
            h.clock.advanceMillis(33);
        }

        for (Participant p : List.of(bob, carol)) {
            OutgoingTrack section = p == bob ? toBob : toCarol;
            List<Received> got = Received.rtp(
                    h.links.subscriber(p).takeRtp(), section.codec().rtxPayloadType());
            assertThat(got)
                    .as("the delta frame before the keyframe is useless to a new subscriber")
                    .hasSize(4);
            for (int i = 0; i < 4; i++) {
                Received r = got.get(i);
                assertThat(r.ssrc()).isEqualTo(section.ssrc());
                assertThat(r.payloadType()).isEqualTo(section.codec().payloadType());
                assertThat(r.sequenceNumber()).isEqualTo((got.get(0).sequenceNumber() + i) & 0xFFFF);
                assertThat((r.timestamp() - got.get(0).timestamp()) & 0xFFFFFFFFL)
                        .isEqualTo(3000L * i);
                assertThat(r.pictureId()).isEqualTo((got.get(0).pictureId() + i) & 0x7FFF);
                assertThat(vp8Frame(r.payload())).isEqualTo(vp8Frame(frames[i]));
            }
        }
        assertThat(toBob.ssrc()).isNotEqualTo(toCarol.ssrc());
        assertThat(h.onLoop(() -> h.rooms.rooms().size())).isEqualTo(1);
    }

    @Test
    void audioIsForwardedFromTheFirstPacketAndPaddingProbesLeaveNoGap() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        Participant bob = h.join("r", "bob", new RecordingListener());
        TrackInfo mic = f.publish(alice, TestMedia.audio("0", "mic", 0x2222)).get(0);
        OutgoingTrack section = EngineFixture.section(f.subscribe(bob), mic.sid());
        TestClient.Stream s = client.stream(0x2222, TestMedia.OPUS, "0", null, 100, 48_000, 0);

        f.send(alice, s.opus(40), s.opus(40), s.padding(), s.opus(40));
        List<Received> got = Received.rtp(h.links.subscriber(bob).takeRtp(), -1);

        assertThat(got).hasSize(3);
        assertThat(got).extracting(Received::ssrc).containsOnly(section.ssrc());
        int first = got.get(0).sequenceNumber();
        assertThat(got)
                .extracting(Received::sequenceNumber)
                .containsExactly(first, (first + 1) & 0xFFFF, (first + 2) & 0xFFFF);
        assertThat(h.registry
                        .get("quorum.packets.dropped")
                        .tags("stage", "room_in", "reason", "padding_only")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theReceiveBitRateOfEachPublishedTrackCoversTheLastSecond() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        TrackInfo mic = f.publish(alice, TestMedia.audio("0", "mic", 0x2222)).get(0);
        TestClient.Stream s = client.stream(0x2222, TestMedia.OPUS, "0", null, 1, 0, 0);
        String room = alice.info().roomSid();
        // 50 packets a second; the meter's last second holds 45 to 50 of them (100 ms buckets).
        int length = 0;
        for (int i = 0; i < 50; i++) {
            ByteBuf packet = s.opus(40);
            length = packet.readableBytes();
            f.send(alice, packet);
            h.clock.advanceMillis(20);
        }
        long packetBits = length * 8L;
        assertThat(h.rooms.publishedTrackBitrates(
                        EngineHarness.ACCOUNT, room, alice.info().sid()))
                .containsOnlyKeys(mic.sid())
                .hasEntrySatisfying(mic.sid(), bps -> assertThat(bps).isBetween(45 * packetBits, 50 * packetBits));
        assertThat(h.rooms.publishedTrackBitrates(
                        "AC" + "f".repeat(32), room, alice.info().sid()))
                .as("another account's room is not found")
                .isEmpty();

        h.clock.advanceMillis(1100);
        assertThat(h.rooms.publishedTrackBitrates(
                        EngineHarness.ACCOUNT, room, alice.info().sid()))
                .as("a track that stopped sending")
                .containsEntry(mic.sid(), 0L);
    }

    @Test
    void aPacketTheTransportRefusedIsLeftOutOfTheSendHistory() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        Participant bob = h.join("r", "bob", new RecordingListener());
        f.publish(alice, TestMedia.audio("0", "mic", 0x2222));
        f.subscribe(bob);
        TestClient.Stream s = client.stream(0x2222, TestMedia.OPUS, "0", null, 1, 0, 0);
        h.links.subscriber(bob).writable = false;
        for (int i = 0; i < 5; i++) {
            f.send(alice, s.opus(50));
        }
        h.links.subscriber(bob).writable = true;
        f.send(alice, s.opus(50));

        ByteBuf sent = h.links.subscriber(bob).takeRtp().get(0);
        RtpPacket view = new RtpPacket();
        view.wrap(sent);
        int last = TransportWideSequenceNumber.read(view, HeaderExtension.TRANSPORT_CC.offeredId());
        sent.release();
        assertThat(last).as("transport-wide numbers are negotiated").isNotNegative();
        SendHistory history = ((RoomParticipant) bob).subscriberConnection().history();
        assertThat(history.sentNanos(last)).isNotEqualTo(Long.MIN_VALUE);
        for (int k = 1; k <= 5; k++) {
            assertThat(history.sentNanos((last - k) & 0xFFFF))
                    .as("refused packet %d: feedback about it must not count as a loss", k)
                    .isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void afterThePublisherRenegotiatesItsExtensionIdsSubscriptionsReadTheNewOnes() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        Participant bob = h.join("r", "bob", new RecordingListener());
        Map<String, Integer> levelOn5 = new HashMap<>(TestMedia.EXTENSIONS);
        levelOn5.put(HeaderExtension.AUDIO_LEVEL.uri(), 5);
        PublishedMedia mic = TestMedia.audio("0", "mic", 0x2222);
        f.publish(alice, withExtensions(mic, levelOn5));
        f.subscribe(bob);
        TestClient.Stream s = client.stream(0x2222, TestMedia.OPUS, "0", null, 1, 0, 0);
        f.send(alice, s.opus(30)); // its level is under id 1, which means nothing yet
        assertThat(audioLevelAtBob(bob)).isNegative();

        f.publish(alice, mic); // renegotiated: the level is on id 1 now
        f.send(alice, s.opus(30));
        assertThat(audioLevelAtBob(bob))
                .as("the level carried over under the subscriber's id")
                .isEqualTo(0x80 | 30);
    }

    private int audioLevelAtBob(Participant bob) {
        ByteBuf sent = h.links.subscriber(bob).takeRtp().get(0);
        try {
            RtpPacket view = new RtpPacket();
            view.wrap(sent);
            return AudioLevel.read(view, HeaderExtension.AUDIO_LEVEL.offeredId());
        } finally {
            sent.release();
        }
    }

    private static PublishedMedia withExtensions(PublishedMedia m, Map<String, Integer> extensions) {
        return new PublishedMedia(
                m.mid(), m.kind(), m.trackName(), m.codec(), extensions, m.ssrcs(), m.rtxSsrcs(), m.rids());
    }

    @Test
    void aSubscriberThatCannotTakePacketsDoesNotHoldUpTheOthers() {
        Participant alice = h.join("r", "alice", new RecordingListener());
        Participant bob = h.join("r", "bob", new RecordingListener());
        Participant carol = h.join("r", "carol", new RecordingListener());
        f.publish(alice, TestMedia.audio("0", "mic", 0x2222));
        f.subscribe(bob);
        f.subscribe(carol);
        h.links.subscriber(bob).writable = false;
        TestClient.Stream s = client.stream(0x2222, TestMedia.OPUS, "0", null, 1, 0, 0);
        for (int i = 0; i < 10; i++) {
            f.send(alice, s.opus(50));
        }
        assertThat(h.links.subscriber(carol).takeRtp()).hasSize(10).allSatisfy(ByteBuf::release);
        // The engine hands all 20 to the transports; a transport that cannot send counts the
        // drop itself (stage transport_out), so the engine does not count it a second time.
        assertThat(h.registry
                        .get("quorum.packets")
                        .tags("stage", "subscriber_out", "direction", "out")
                        .counter()
                        .count())
                .isEqualTo(20);
        assertThat(h.registry.find("quorum.packets.dropped").counters())
                .allSatisfy(c -> assertThat(c.count()).as(c.getId().toString()).isZero());
        assertThat(h.registry
                        .get("quorum.sfu.room.packets.forwarded")
                        .functionCounter()
                        .count())
                .isEqualTo(10);
    }

    @Test
    void audioLevelsMakeTheLoudestParticipantTheDominantSpeaker() {
        RecordingListener bobL = new RecordingListener();
        Participant alice = h.join("r", "alice", new RecordingListener());
        h.join("r", "bob", bobL);
        f.publish(alice, TestMedia.audio("0", "mic", 0x2222));
        TestClient.Stream s = client.stream(0x2222, TestMedia.OPUS, "0", null, 1, 0, 0);
        for (int i = 0; i < 40; i++) {
            f.send(alice, s.opus(25));
            h.advance(Duration.ofMillis(20));
        }
        assertThat(bobL.dominantSpeaker).isEqualTo(alice.sid());
        for (int i = 0; i < 150; i++) {
            f.send(alice, s.opus(127));
            h.advance(Duration.ofMillis(20));
        }
        assertThat(bobL.dominantSpeaker).as("silence").isNull();
    }
}
