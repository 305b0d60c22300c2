package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.rtcp.PictureLossIndication;
import dev.quorum.rtp.rtcp.ReceiverEstimatedMaxBitrate;
import dev.quorum.sfu.api.TrackInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three rid layers as Chrome sends them (320×180, 640×360, 1280×720; no SSRCs in the SDP): each
 * subscriber gets the layer its bandwidth and requested size allow, switches only on a keyframe
 * of the target layer, and sees one continuous stream throughout.
 */
class SimulcastTest {

    private static final int[] WIDTH = {320, 640, 1280};
    private static final int[] HEIGHT = {180, 360, 720};
    private static final int[] SIZE = {150, 700, 1100};

    private final EngineHarness h = new EngineHarness();
    private final EngineFixture f = new EngineFixture(h);
    private final TestClient client = new TestClient();
    private Participant alice;
    private TrackInfo cam;
    private final TestClient.Stream[] layers = new TestClient.Stream[3];

    @BeforeEach
    void publish() {
        alice = h.join("r", "alice", new RecordingListener());
        cam = f.publish(alice, TestMedia.simulcast("0", "cam")).get(0);
        String[] rids = {"q", "h", "f"};
        for (int i = 0; i < 3; i++) {
            layers[i] = client.stream(
                    0xA0 + i, TestMedia.VP8, "0", rids[i], 1000 * (i + 1), 100_000L * (i + 1), 300 * (i + 1));
        }
        // Every layer starts with a keyframe (its size becomes known), then runs for a second.
        for (int i = 0; i < 3; i++) {
            f.send(alice, layers[i].vp8(true, WIDTH[i], HEIGHT[i], SIZE[i]));
            // Chrome stops sending mid and rid once the stream is acknowledged: the SSRC is latched.
            layers[i].sendMidAndRid = false;
        }
        frames(30, true, true, true);
        h.links.publisher(alice).releaseAll();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** {@code n} rounds of one delta frame per flowing layer, 33 ms apart, timers run each round. */
    private void frames(int n, boolean q, boolean half, boolean full) {
        boolean[] on = {q, half, full};
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < 3; i++) {
                if (on[i]) {
                    f.send(alice, layers[i].vp8(false, 0, 0, SIZE[i]));
                }
            }
            h.advance(Duration.ofMillis(33));
        }
    }

    private void keyframe(int layer) {
        f.send(alice, layers[layer].vp8(true, WIDTH[layer], HEIGHT[layer], SIZE[layer]));
    }

    private List<Long> keyframeRequests() {
        List<Long> out = new ArrayList<>();
        Received.only(Received.rtcp(h.links.publisher(alice).takeRtcp()), PictureLossIndication.class)
                .forEach(p -> out.add(p.mediaSsrc()));
        return out;
    }

    /** Payload bytes after the VP8 descriptor identify the layer: SIZE differs per layer. */
    private static int layerOf(Received r) {
        for (int i = 0; i < 3; i++) {
            if (r.payload().length == SIZE[i]) {
                return i;
            }
        }
        return -1;
    }

    private static void assertContinuous(List<Received> got) {
        assertContinuous(got, 9000);
    }

    /** One stream without gaps; timestamps advance by at most {@code maxTicks} between packets. */
    private static void assertContinuous(List<Received> got, long maxTicks) {
        for (int i = 1; i < got.size(); i++) {
            Received a = got.get(i - 1);
            Received b = got.get(i);
            assertThat(b.ssrc()).isEqualTo(a.ssrc());
            assertThat(b.sequenceNumber()).as("sequence after %s", a).isEqualTo((a.sequenceNumber() + 1) & 0xFFFF);
            assertThat(b.pictureId()).as("picture id after %s", a).isEqualTo((a.pictureId() + 1) & 0x7FFF);
            long dt = (b.timestamp() - a.timestamp()) & 0xFFFFFFFFL;
            assertThat(dt).as("timestamp after %s", a).isBetween(1L, maxTicks);
        }
    }

    @Test
    void aSmallRequestedSizeGetsTheLowLayerAndAGrownOneSwitchesOnlyAtTheTargetsKeyframe() {
        Participant bob = h.join("r", "bob", new RecordingListener());
        OutgoingTrack section = EngineFixture.section(f.subscribe(bob), cam.sid());
        bob.setVideoPreference(cam.sid(), 320, 180);
        h.advance(Duration.ofMillis(250));
        assertThat(keyframeRequests())
                .as("the target layer is asked for a keyframe")
                .contains(0xA0L);
        frames(5, true, true, true);
        assertThat(h.links.subscriber(bob).takeRtp())
                .as("nothing before the low layer's keyframe")
                .isEmpty();
        keyframe(0);
        frames(10, true, true, true);

        bob.setVideoPreference(cam.sid(), 1280, 720);
        h.advance(Duration.ofMillis(250));
        assertThat(keyframeRequests()).contains(0xA2L);
        frames(10, true, true, true);
        List<Received> before =
                Received.rtp(h.links.subscriber(bob).takeRtp(), section.codec().rtxPayloadType());
        assertThat(before).as("the low layer keeps flowing until the switch").allMatch(r -> layerOf(r) == 0);
        keyframe(2);
        frames(10, true, true, true);
        List<Received> after =
                Received.rtp(h.links.subscriber(bob).takeRtp(), section.codec().rtxPayloadType());
        assertThat(after).isNotEmpty().allMatch(r -> layerOf(r) == 2);

        List<Received> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(all).extracting(Received::ssrc).containsOnly(section.ssrc());
        assertContinuous(all);
    }

    @Test
    void threeSubscribersEachGetTheirOwnLayerAndNumbering() {
        List<Participant> subs = new ArrayList<>();
        List<OutgoingTrack> sections = new ArrayList<>();
        int[][] sizes = {{320, 180}, {640, 360}, {1280, 720}};
        for (int i = 0; i < 3; i++) {
            Participant p = h.join("r", "sub" + i, new RecordingListener());
            sections.add(EngineFixture.section(f.subscribe(p), cam.sid()));
            p.setVideoPreference(cam.sid(), sizes[i][0], sizes[i][1]);
            subs.add(p);
        }
        h.advance(Duration.ofMillis(250));
        for (int i = 0; i < 3; i++) {
            keyframe(i);
        }
        frames(20, true, true, true);
        for (int i = 0; i < 3; i++) {
            List<Received> got = Received.rtp(h.links.subscriber(subs.get(i)).takeRtp(), -1);
            int layer = i;
            assertThat(got).hasSize(21).allMatch(r -> layerOf(r) == layer);
            assertThat(got)
                    .extracting(Received::ssrc)
                    .containsOnly(sections.get(i).ssrc());
            assertContinuous(got);
        }
    }

    /** Bob subscribed with a REMB of 100 kbit/s, and ten frames of the camera sent: its low layer's. */
    private OutgoingTrack onTheLowLayer(Participant bob) {
        OutgoingTrack section = EngineFixture.section(f.subscribe(bob), cam.sid());
        remb(bob, section.ssrc(), 100_000);
        h.advance(Duration.ofMillis(250));
        keyframe(0);
        frames(10, true, true, true);
        return section;
    }

    /** Bob's REMB up to 5 Mbit/s, then a keyframe of the top layer and ten frames. */
    private void upToTheTopLayer(Participant bob, OutgoingTrack section) {
        remb(bob, section.ssrc(), 5_000_000);
        h.advance(Duration.ofMillis(250));
        keyframe(2);
        frames(10, true, true, true);
    }

    @Test
    void theLayerFollowsTheSubscribersBandwidth() {
        Participant bob = h.join("r", "bob", new RecordingListener());
        OutgoingTrack section = onTheLowLayer(bob);
        assertThat(Received.rtp(h.links.subscriber(bob).takeRtp(), -1))
                .isNotEmpty()
                .allMatch(r -> layerOf(r) == 0);

        upToTheTopLayer(bob, section);
        List<Received> got = Received.rtp(h.links.subscriber(bob).takeRtp(), -1);
        assertThat(got.get(got.size() - 1))
                .satisfies(r -> assertThat(layerOf(r)).isEqualTo(2));
        assertContinuous(got);
        assertThat(h.registry
                        .get("quorum.sfu.layer.switches.up")
                        .functionCounter()
                        .count())
                .as("one switch up, from the low layer to the top one (the first layer is no switch)")
                .isEqualTo(1);
        assertThat(h.registry
                        .get("quorum.sfu.layer.switches.down")
                        .functionCounter()
                        .count())
                .isZero();
        assertThat(h.registry.get("quorum.sfu.subscriber.estimate").summary().max())
                .as("the estimate sampled at allocations, capped by bob's REMB")
                .isBetween(100_000.0, 5_000_000.0);
    }

    @Test
    void aCutInTheEstimateMovesTheLayerDownAtTheNextTick() {
        Participant bob = h.join("r", "bob", new RecordingListener());
        OutgoingTrack section = EngineFixture.section(f.subscribe(bob), cam.sid());
        h.advance(Duration.ofMillis(250));
        keyframe(2);
        frames(10, true, true, true);
        assertThat(layerOf(Received.rtp(h.links.subscriber(bob).takeRtp(), -1).get(0)))
                .isEqualTo(2);
        // A preference change allocates at the next tick: the periodic allocation is 200 ms away.
        bob.setVideoPreference(cam.sid(), 1280, 720);
        h.advance(Duration.ofMillis(20));
        h.advance(Duration.ofMillis(100));
        keyframeRequests();

        remb(bob, section.ssrc(), 100_000);
        h.advance(Duration.ofMillis(20));
        assertThat(keyframeRequests())
                .as("the low layer's keyframe is asked for one tick after the cut, not at the next periodic allocation")
                .contains(0xA0L);
    }

    @Test
    void whenTheForwardedLayerStopsTheSubscriberFallsBackWithoutAGap() {
        Participant bob = h.join("r", "bob", new RecordingListener());
        f.subscribe(bob);
        h.advance(Duration.ofMillis(250));
        keyframe(2);
        frames(10, true, true, true);
        // The publisher's bandwidth drops: it stops the top layer.
        frames(60, true, true, false);
        assertThat(keyframeRequests()).contains(0xA1L);
        keyframe(1);
        frames(10, true, true, false);
        List<Received> got = Received.rtp(h.links.subscriber(bob).takeRtp(), -1);
        assertThat(layerOf(got.get(0))).isEqualTo(2);
        assertThat(layerOf(got.get(got.size() - 1))).isEqualTo(1);
        assertThat(h.registry
                        .get("quorum.sfu.layer.switches.down")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        // The timestamps jump by the time the picture stood still (the top layer's silence).
        assertContinuous(got, 90_000 * 3);
    }

    @Test
    void upstreamRembCapsThePublishersVideo() {
        h.advance(Duration.ofSeconds(2));
        List<ReceiverEstimatedMaxBitrate> remb =
                Received.only(Received.rtcp(h.links.publisher(alice).takeRtcp()), ReceiverEstimatedMaxBitrate.class);
        assertThat(remb).isNotEmpty();
        assertThat(remb.get(0).bitrate()).isEqualTo(RoomsConfig.DEFAULT_MAX_VIDEO_BITRATE);
        assertThat(remb.get(0).ssrcs()).containsExactlyInAnyOrder(0xA0L, 0xA1L, 0xA2L);
    }

    @Test
    void aSubscribersOwnMetersShowItsEstimateLayersRequestsAndWhatItsBrowserSaw() {
        Participant bob = h.join("r", "bob", new RecordingListener());
        OutgoingTrack section = onTheLowLayer(bob);
        fromSubscriber(bob, new PictureLossIndication(0x5555, section.ssrc()));
        bob.reportQuality(new ClientQuality(290, 2, 640, 480_000, 1_200));
        h.sync();

        assertThat(value("quorum.sfu.subscription.layer", bob))
                .as("the low layer, all 100 kbit/s allow")
                .isZero();
        assertThat(value("quorum.sfu.subscriber.bandwidth", bob)).isEqualTo(100_000);
        assertThat(count("quorum.sfu.subscription.keyframe.requests", bob)).isEqualTo(1);
        assertThat(count("quorum.sfu.subscription.packets", bob)).isEqualTo(11);
        assertThat(count("quorum.sfu.subscriber.client.video.freezes", bob)).isEqualTo(2);
        assertThat(count("quorum.sfu.subscriber.client.video.frozen", bob)).isEqualTo(0.64);

        upToTheTopLayer(bob, section);
        assertThat(value("quorum.sfu.subscription.layer", bob)).isEqualTo(2);
        assertThat(count("quorum.sfu.subscription.layer.switches.up", bob)).isEqualTo(1);

        bob.leave("done");
        h.sync();
        assertThat(h.registry.find("quorum.sfu.subscription.layer").meters())
                .as("gone with the participant")
                .isEmpty();
        assertThat(h.registry
                        .find("quorum.sfu.subscriber.bandwidth")
                        .tag("participant", bob.sid())
                        .meters())
                .isEmpty();
        assertThat(h.registry
                        .find("quorum.sfu.subscriber.bandwidth")
                        .tag("participant", alice.sid())
                        .meters())
                .as("alice's stay")
                .hasSize(1);
    }

    /** A counter of {@code p}'s own meters. */
    private double count(String name, Participant p) {
        return h.registry
                .get(name)
                .tag("participant", p.sid())
                .functionCounter()
                .count();
    }

    /** A gauge of {@code p}'s own meters. */
    private double value(String name, Participant p) {
        return h.registry.get(name).tag("participant", p.sid()).gauge().value();
    }

    private void fromSubscriber(Participant p, dev.quorum.rtp.rtcp.RtcpPacket m) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(m.encodedLength());
        m.writeTo(b);
        h.links.subscriber(p).receiveRtcp(b, h.clock.nanoTime());
    }

    private void remb(Participant p, long mediaSsrc, long bitrate) {
        fromSubscriber(p, new ReceiverEstimatedMaxBitrate(0x5555, bitrate, List.of(mediaSsrc)));
    }
}
