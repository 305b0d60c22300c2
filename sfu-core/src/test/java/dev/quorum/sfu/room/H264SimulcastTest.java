package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.h264.H264SequenceParameterSet;
import dev.quorum.sfu.api.TrackInfo;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three rid layers of H.264 as Chrome sends them (320×180, 640×360, 1280×720): the engine learns
 * each layer's size from the SPS of its keyframes, so a subscriber's size preference picks the
 * layer that fits, as it does for VP8.
 */
class H264SimulcastTest {

    private static final int[] WIDTH = {320, 640, 1280};
    private static final int[] HEIGHT = {180, 360, 720};
    private static final int[] SIZE = {150, 700, 1100};

    private final EngineHarness h = new EngineHarness();
    private final EngineFixture f = new EngineFixture(h);
    private final TestClient client = new TestClient();
    private final TestClient.Stream[] layers = new TestClient.Stream[3];
    private Participant alice;
    private TrackInfo cam;

    @BeforeEach
    void publish() {
        alice = h.join("r", "alice", new RecordingListener());
        cam = f.publish(alice, TestMedia.h264Simulcast("0", "cam")).get(0);
        String[] rids = {"q", "h", "f"};
        for (int i = 0; i < 3; i++) {
            layers[i] = client.stream(0xB0 + i, TestMedia.H264, "0", rids[i], 2000 * (i + 1), 100_000L * (i + 1), 0);
        }
        for (int i = 0; i < 3; i++) {
            keyframe(i);
            layers[i].sendMidAndRid = false;
        }
        frames(30);
        h.links.publisher(alice).releaseAll();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void keyframe(int layer) {
        f.send(alice, layers[layer].h264(true, WIDTH[layer], HEIGHT[layer], layer, 0));
    }

    private void frames(int n) {
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < 3; i++) {
                f.send(alice, layers[i].h264(false, 0, 0, i, SIZE[i]));
            }
            h.advance(Duration.ofMillis(33));
        }
    }

    /** The layer a forwarded packet came from: marked in every slice. */
    private static int layerOf(Received r) {
        int type = r.payload()[0] & 0x1F;
        if (type == 1) {
            return r.payload()[1];
        }
        // STAP-A keyframe: the IDR slice is the last NAL, its third byte the mark.
        return r.payload()[r.payload().length - 3];
    }

    @Test
    void theTestStreamsSpsCarriesEachLayersSize() {
        for (int i = 0; i < 3; i++) {
            byte[] sps = H264Sps.of(WIDTH[i], HEIGHT[i]);
            H264SequenceParameterSet parsed =
                    H264SequenceParameterSet.parse(Unpooled.wrappedBuffer(sps), 0, sps.length);
            assertThat(parsed).isNotNull();
            assertThat(parsed.width()).isEqualTo(WIDTH[i]);
            assertThat(parsed.height()).isEqualTo(HEIGHT[i]);
        }
    }

    @Test
    void eachSubscribersSizePreferencePicksTheH264LayerThatFits() {
        List<Participant> subs = new ArrayList<>();
        List<OutgoingTrack> sections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Participant p = h.join("r", "sub" + i, new RecordingListener());
            sections.add(EngineFixture.section(f.subscribe(p), cam.sid()));
            p.setVideoPreference(cam.sid(), WIDTH[i], HEIGHT[i]);
            subs.add(p);
        }
        assertThat(sections.get(0).codec().name()).isEqualTo("H264");
        h.advance(Duration.ofMillis(250));
        for (int i = 0; i < 3; i++) {
            keyframe(i);
        }
        frames(20);
        for (int i = 0; i < 3; i++) {
            List<Received> got = Received.rtp(h.links.subscriber(subs.get(i)).takeRtp(), -1);
            int layer = i;
            assertThat(got).as("subscriber %d", i).hasSize(21).allMatch(r -> layerOf(r) == layer);
            assertThat(got)
                    .extracting(Received::ssrc)
                    .containsOnly(sections.get(i).ssrc());
            for (int k = 1; k < got.size(); k++) {
                assertThat(got.get(k).sequenceNumber())
                        .isEqualTo((got.get(k - 1).sequenceNumber() + 1) & 0xFFFF);
            }
        }
    }
}
