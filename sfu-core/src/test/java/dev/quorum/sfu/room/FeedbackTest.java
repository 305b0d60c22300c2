package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.rtcp.FullIntraRequest;
import dev.quorum.rtp.rtcp.PictureLossIndication;
import dev.quorum.rtp.rtcp.ReceiverReport;
import dev.quorum.rtp.rtcp.ReportBlock;
import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.rtp.rtcp.SenderReport;
import dev.quorum.rtp.rtcp.TransportLayerNack;
import dev.quorum.rtp.rtcp.TransportWideFeedback;
import dev.quorum.sfu.api.TrackInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RTCP both ways: NACK/RTX, keyframe requests, reports and transport-wide feedback. */
class FeedbackTest {

    private final EngineHarness h = new EngineHarness();
    private final EngineFixture f = new EngineFixture(h);
    private final TestClient client = new TestClient();
    private Participant alice;
    private Participant bob;
    private OutgoingTrack toBob;
    private TestClient.Stream cam;

    @BeforeEach
    void setUp() {
        alice = h.join("r", "alice", new RecordingListener());
        bob = h.join("r", "bob", new RecordingListener());
        TrackInfo t =
                f.publish(alice, TestMedia.video("0", "cam", 0x1111, 0x1112)).get(0);
        toBob = EngineFixture.section(f.subscribe(bob), t.sid());
        cam = client.stream(0x1111, TestMedia.VP8, "0", null, 30000, 90000, 10).rtx(0x1112, TestMedia.VP8_RTX);
        f.send(alice, cam.vp8(true, 640, 360, 300));
        h.links.publisher(alice).releaseAll();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void fromBob(RtcpPacket... packets) {
        int len = Arrays.stream(packets).mapToInt(RtcpPacket::encodedLength).sum();
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(len);
        for (RtcpPacket p : packets) {
            p.writeTo(b);
        }
        h.links.subscriber(bob).receiveRtcp(b, h.clock.nanoTime());
    }

    private void fromAlice(RtcpPacket p) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(p.encodedLength());
        p.writeTo(b);
        h.links.publisher(alice).receiveRtcp(b, h.clock.nanoTime());
    }

    private List<RtcpPacket> upstream() {
        return Received.rtcp(h.links.publisher(alice).takeRtcp());
    }

    @Test
    void aSubscribersNackIsAnsweredFromTheCacheAsRtx() {
        for (int i = 0; i < 5; i++) {
            f.send(alice, cam.vp8(false, 0, 0, 300 + i));
        }
        List<Received> sent =
                Received.rtp(h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType());
        Received lost = sent.get(3);

        fromBob(TransportLayerNack.of(0x7777, toBob.ssrc(), lost.sequenceNumber()));
        List<Received> resent =
                Received.rtp(h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType());
        assertThat(resent).singleElement().satisfies(r -> {
            assertThat(r.ssrc()).isEqualTo(toBob.rtxSsrc());
            assertThat(r.payloadType()).isEqualTo(toBob.codec().rtxPayloadType());
            assertThat(r.originalSequenceNumber()).isEqualTo(lost.sequenceNumber());
            assertThat(r.timestamp()).isEqualTo(lost.timestamp());
            assertThat(r.payload()).isEqualTo(lost.payload());
        });

        fromBob(TransportLayerNack.of(0x7777, toBob.ssrc(), lost.sequenceNumber()));
        assertThat(h.links.subscriber(bob).takeRtp())
                .as("repeated at once: already on its way")
                .isEmpty();
        h.clock.advanceMillis(10);
        fromBob(TransportLayerNack.of(
                0x7777, toBob.ssrc(), lost.sequenceNumber(), (lost.sequenceNumber() + 100) & 0xFFFF));
        List<Received> again =
                Received.rtp(h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType());
        assertThat(again).as("resent again; the never-sent number is ignored").hasSize(1);
        assertThat(again.get(0).sequenceNumber()).isEqualTo((resent.get(0).sequenceNumber() + 1) & 0xFFFF);
        assertThat(h.registry
                        .get("quorum.sfu.retransmissions")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aNackForAPacketSentOverASecondAgoIsNotAnsweredOnceNewerOnesWentOut() {
        f.send(alice, cam.vp8(false, 0, 0, 301));
        Received old = Received.rtp(
                        h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType())
                .get(0);
        h.clock.advanceMillis(1_100);
        f.send(alice, cam.vp8(false, 0, 0, 302));
        Received recent = Received.rtp(
                        h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType())
                .get(0);

        // No round trip measured yet: the cache keeps one second.
        fromBob(TransportLayerNack.of(0x7777, toBob.ssrc(), old.sequenceNumber(), recent.sequenceNumber()));
        List<Received> resent =
                Received.rtp(h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType());
        assertThat(resent)
                .singleElement()
                .satisfies(r -> assertThat(r.originalSequenceNumber()).isEqualTo(recent.sequenceNumber()));
    }

    @Test
    void resendsTakeAtMostAQuarterOfTheSubscribersEstimate() {
        for (int i = 0; i < 100; i++) {
            f.send(alice, cam.vp8(false, 0, 0, 1000));
        }
        List<Received> sent =
                Received.rtp(h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType());
        // A subscriber NACKing all it got: a quarter of its estimate (1 Mbit/s at first) is resent
        // within a second, about 31 of these 1,000-byte packets.
        for (Received r : sent) {
            fromBob(TransportLayerNack.of(0x7777, toBob.ssrc(), r.sequenceNumber()));
        }
        List<Received> resent =
                Received.rtp(h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType());
        long quarter = RoomsConfig.defaults().initialSubscriberBitrate() / 4 / 8;
        assertThat(resent).hasSizeBetween((int) (quarter / 1100), (int) (quarter / 1000) + 1);
        assertThat(h.registry
                        .get("quorum.sfu.retransmissions.refused")
                        .functionCounter()
                        .count())
                .isEqualTo(sent.size() - resent.size());
        // A second later there is room again.
        h.clock.advanceMillis(1100);
        fromBob(TransportLayerNack.of(
                0x7777, toBob.ssrc(), sent.get(sent.size() - 1).sequenceNumber()));
        assertThat(Received.rtp(h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType()))
                .hasSize(1);
    }

    @Test
    void lossesFromThePublisherAreNackedAndItsRtxFillsTheGapInOrder() {
        int before = cam.sequence;
        f.send(alice, cam.vp8(false, 0, 0, 301));
        cam.lose(302);
        cam.lose(303);
        f.send(alice, cam.vp8(false, 0, 0, 304));
        int lostA = (before + 1) & 0xFFFF;
        int lostB = (before + 2) & 0xFFFF;

        List<TransportLayerNack> nacks = Received.only(upstream(), TransportLayerNack.class);
        assertThat(nacks).singleElement().satisfies(n -> {
            assertThat(n.mediaSsrc()).isEqualTo(0x1111);
            assertThat(n.lostSequenceNumbers()).containsExactly(lostA, lostB);
        });

        f.send(alice, cam.retransmission(lostB), cam.retransmission(lostB));
        List<Received> got =
                Received.rtp(h.links.subscriber(bob).takeRtp(), toBob.codec().rtxPayloadType());
        assertThat(got).hasSize(4);
        int first = got.get(1).sequenceNumber();
        assertThat(got.get(2).sequenceNumber()).isEqualTo((first + 3) & 0xFFFF);
        assertThat(got.get(3).sequenceNumber()).as("the repair keeps its place").isEqualTo((first + 2) & 0xFFFF);
        assertThat(got.get(3).ssrc()).as("unwrapped into the media stream").isEqualTo(toBob.ssrc());
        assertThat(got.get(3).payload()).isEqualTo(cam.payloads.get(lostB));
        assertThat(h.registry
                        .get("quorum.packets.dropped")
                        .tags("stage", "room_in", "reason", "duplicate")
                        .counter()
                        .count())
                .isEqualTo(1);

        h.advance(Duration.ofMillis(120));
        assertThat(Received.only(upstream(), TransportLayerNack.class))
                .as("still missing: asked again after an RTT")
                .singleElement()
                .satisfies(n -> assertThat(n.lostSequenceNumbers()).containsExactly(lostA));
        assertThat(h.registry.get("quorum.sfu.nacks.sent").functionCounter().count())
                .isEqualTo(3);
    }

    @Test
    void keyframeRequestsFromSubscribersAreRelayedAndThrottled() {
        h.advance(Duration.ofSeconds(1));
        upstream();
        fromBob(new PictureLossIndication(0x7777, toBob.ssrc()));
        h.clock.advanceMillis(50);
        fromBob(new PictureLossIndication(0x7777, toBob.ssrc()));
        h.clock.advanceMillis(50);
        fromBob(new FullIntraRequest(0x7777, List.of(new FullIntraRequest.Entry(toBob.ssrc(), 1))));
        assertThat(Received.only(upstream(), PictureLossIndication.class)).hasSize(1);
        h.advance(Duration.ofMillis(200));
        assertThat(Received.only(upstream(), PictureLossIndication.class))
                .as("the deferred one")
                .hasSize(1);
        h.advance(Duration.ofMillis(500));
        assertThat(Received.only(upstream(), PictureLossIndication.class)).isEmpty();
        fromBob(new PictureLossIndication(0x7777, 0xDEAD));
        assertThat(Received.only(upstream(), PictureLossIndication.class))
                .as("unknown stream")
                .isEmpty();
    }

    @Test
    void senderReportsAreRebasedOntoEachSubscribersTimestamps() {
        f.send(alice, cam.vp8(false, 0, 0, 300));
        long sourceTs = cam.timestamps.get((cam.sequence - 1) & 0xFFFF);
        Received last = Received.rtp(h.links.subscriber(bob).takeRtp(), -1).get(1);
        long ntp = 0xE000_0000_8000_0000L;
        fromAlice(new SenderReport(0x1111, ntp, sourceTs, 10, 1000));
        h.advance(Duration.ofMillis(500));
        h.links.subscriber(bob).takeRtcp().forEach(ByteBuf::release);
        h.advance(Duration.ofSeconds(1));

        List<SenderReport> srs =
                Received.only(Received.rtcp(h.links.subscriber(bob).takeRtcp()), SenderReport.class);
        assertThat(srs).singleElement().satisfies(sr -> {
            assertThat(sr.senderSsrc()).isEqualTo(toBob.ssrc());
            // 1.5 s after the publisher's report: NTP moved 1.5 s, RTP 1.5 × 90000 from the mapped timestamp.
            assertThat(sr.ntpTimestamp() - ntp).isEqualTo(0x1_8000_0000L);
            assertThat((sr.rtpTimestamp() - last.timestamp()) & 0xFFFFFFFFL).isEqualTo(135_000);
            assertThat(sr.packetCount()).isEqualTo(2);
        });
        // The subscriber's receiver report on it yields a round-trip time.
        SenderReport sr = srs.get(0);
        h.clock.advanceMillis(30);
        fromBob(new ReceiverReport(
                0x7777,
                List.of(new ReportBlock(
                        toBob.ssrc(), 0, 0, 0, 0, (sr.ntpTimestamp() >>> 16) & 0xFFFFFFFFL, 65536 / 100))));
        assertThat(h.registry.get("quorum.sfu.rtt").summary().max()).isBetween(19.0, 21.0);
    }

    @Test
    void publishersGetReceiverReportsAndTransportWideFeedback() {
        int firstTransport = client.transportSequence;
        for (int i = 0; i < 10; i++) {
            if (i == 4) {
                client.transportSequence++;
            }
            f.send(alice, cam.vp8(false, 0, 0, 300));
            h.clock.advanceMillis(5);
        }
        fromAlice(new SenderReport(0x1111, 0x1234_5678_9ABC_0000L, 1, 1, 1));
        h.advance(Duration.ofMillis(1000));
        List<RtcpPacket> up = upstream();

        // The loop's own timer may send a feedback message between two packets: read them together.
        List<TransportWideFeedback> fb = Received.only(up, TransportWideFeedback.class);
        assertThat(fb).isNotEmpty();
        // The set-up's packet (firstTransport - 1) may have been reported before the test began.
        assertThat(fb.get(0).baseSequenceNumber()).isBetween(firstTransport - 1, firstTransport);
        Map<Integer, Integer> status = new HashMap<>();
        Map<Integer, Integer> deltaAfterPrevious = new HashMap<>();
        for (TransportWideFeedback m : fb) {
            int[] statuses = m.statuses();
            int d = 0;
            for (int i = 0; i < statuses.length; i++) {
                int seq = m.baseSequenceNumber() + i;
                status.merge(seq, statuses[i], Math::max);
                if (statuses[i] != TransportWideFeedback.NOT_RECEIVED) {
                    if (i > 0 && statuses[i - 1] != TransportWideFeedback.NOT_RECEIVED) {
                        deltaAfterPrevious.put(seq, m.receiveDeltas()[d]);
                    }
                    d++;
                }
            }
        }
        assertThat(status.get(firstTransport + 4)).isEqualTo(TransportWideFeedback.NOT_RECEIVED);
        assertThat(status.entrySet().stream()
                        .filter(e -> e.getKey() >= firstTransport
                                && e.getKey() <= firstTransport + 10
                                && e.getValue() != TransportWideFeedback.NOT_RECEIVED)
                        .count())
                .as("every packet but the skipped one reported received")
                .isEqualTo(10);
        assertThat(deltaAfterPrevious)
                .as("5 ms apart, in 250 µs ticks")
                .containsAnyOf(
                        Map.entry(firstTransport + 1, 20),
                        Map.entry(firstTransport + 2, 20),
                        Map.entry(firstTransport + 3, 20));

        // The latest report: an earlier one may have gone out mid-way, like the feedback above.
        List<ReportBlock> blocks = Received.only(up, ReceiverReport.class).stream()
                .flatMap(r -> r.reportBlocks().stream())
                .filter(b -> b.ssrc() == 0x1111)
                .toList();
        ReportBlock block = blocks.get(blocks.size() - 1);
        assertThat(block.extendedHighestSequence()).isEqualTo(30010);
        assertThat(block.lastSenderReport()).isEqualTo(0x5678_9ABCL);
        assertThat(block.cumulativeLost()).isZero();
    }
}
