package dev.quorum.sfu.room.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerAllocatorTest {

    /** Three flowing layers, 320×180 / 640×360 / 1280×720 at 150 k / 500 k / 1.5 M. */
    private static VideoLayers threeLayers() {
        VideoLayers v = new VideoLayers();
        v.count = 3;
        long[] rates = {150_000, 500_000, 1_500_000};
        int[] w = {320, 640, 1280};
        int[] h = {180, 360, 720};
        for (int i = 0; i < 3; i++) {
            v.bitrate[i] = rates[i];
            v.active[i] = true;
            v.width[i] = w[i];
            v.height[i] = h[i];
        }
        return v;
    }

    @Test
    void theBandwidthDecidesTheLayer() {
        VideoLayers v = threeLayers();
        LayerAllocator.allocate(List.of(v), 3_000_000);
        assertThat(v.target).isEqualTo(2);
        LayerAllocator.allocate(List.of(v), 600_000);
        assertThat(v.target).isEqualTo(1);
        LayerAllocator.allocate(List.of(v), 100_000, true, true, false);
        assertThat(v.target)
                .as("the lowest layer over budget, on a path that showed no congestion")
                .isZero();
    }

    @Test
    void aCongestedPathThatCannotCarryTheLowestLayersPausesTheTracksShownSmallest() {
        VideoLayers big = threeLayers();
        VideoLayers small = threeLayers();
        small.maxWidth = 320;
        small.maxHeight = 180;
        VideoLayers alsoBig = threeLayers();
        big.current = 0;
        small.current = 0;
        alsoBig.current = 0;
        List<VideoLayers> tracks = List.of(small, big, alsoBig);
        // Three lowest layers cost 450 k; 320 k carries two.
        long shortfall = LayerAllocator.allocate(tracks, 320_000, false, true, true);
        assertThat(small.target).as("the one shown smallest").isEqualTo(-1);
        assertThat(small.starved).isTrue();
        assertThat(big.target).isZero();
        assertThat(alsoBig.target).isZero();
        assertThat(shortfall).as("what bringing it back needs").isPositive();

        LayerAllocator.allocate(tracks, 100_000, false, true, true);
        assertThat(List.of(small.target, big.target, alsoBig.target))
                .as("below every lowest layer: no video, the audio keeps its path")
                .containsOnly(-1);

        small.current = big.current = alsoBig.current = -1;
        LayerAllocator.allocate(tracks, 3_000_000, false, true, false);
        assertThat(List.of(small.target, big.target, alsoBig.target))
                .as("not before going up is allowed again")
                .containsOnly(-1);
        LayerAllocator.allocate(tracks, 330_000, true, true, false);
        assertThat(big.target)
                .as("back first: the largest shown, with 25 % headroom")
                .isZero();
        assertThat(alsoBig.target)
                .as("330 k carry one with headroom and not two")
                .isEqualTo(-1);
        assertThat(small.target).isEqualTo(-1);
        big.current = 0;
        LayerAllocator.allocate(tracks, 3_000_000, true, true, false);
        assertThat(List.of(small.target, big.target, alsoBig.target))
                .as("all back, before any goes up")
                .containsExactly(0, 2, 1);
        assertThat(small.starved || big.starved || alsoBig.starved).isFalse();
    }

    @Test
    void theShortfallIsWhatTheNextUpgradeStillNeeds() {
        VideoLayers v = threeLayers();
        v.current = 0;
        // On the lowest layer with 300 k: the middle one costs 350 k more, with headroom 437.5 k.
        long shortfall = LayerAllocator.allocate(List.of(v), 300_000);
        assertThat(v.target).isZero();
        assertThat(shortfall).isEqualTo(437_500 - 150_000);
        assertThat(LayerAllocator.allocate(List.of(v), 300_000 + shortfall))
                .as("with the shortfall granted, the middle layer; the top one needs 1.25 M more, 87.5 k are left")
                .isEqualTo(1_250_000 - 87_500);
        assertThat(v.target).isEqualTo(1);
        assertThat(LayerAllocator.allocate(List.of(v), 3_000_000))
                .as("nothing left to upgrade")
                .isZero();
    }

    @Test
    void afterCongestionNoLayerGoesUpUntilAProbeAllowsIt() {
        VideoLayers v = threeLayers();
        v.current = 0;
        LayerAllocator.allocate(List.of(v), 3_000_000, false, true);
        assertThat(v.target)
                .as("stays on its layer, however large the estimate")
                .isZero();
        v.current = 2;
        LayerAllocator.allocate(List.of(v), 640_000, false, true);
        assertThat(v.target).as("still goes down").isEqualTo(1);
        v.current = -1;
        LayerAllocator.allocate(List.of(v), 3_000_000, false, true);
        assertThat(v.target).as("a track not forwarded yet gets what fits").isEqualTo(2);
    }

    @Test
    void theRequestedSizePicksTheSmallestLayerThatFillsIt() {
        VideoLayers v = threeLayers();
        v.maxWidth = 320;
        v.maxHeight = 180;
        LayerAllocator.allocate(List.of(v), 10_000_000);
        assertThat(v.target).isZero();
        v.maxWidth = 400;
        v.maxHeight = 300;
        LayerAllocator.allocate(List.of(v), 10_000_000);
        assertThat(v.target).isEqualTo(1);
        v.maxWidth = 0;
        v.maxHeight = 0;
        LayerAllocator.allocate(List.of(v), 10_000_000);
        assertThat(v.target).as("paused").isEqualTo(-1);
    }

    @Test
    void aStoppedLayerIsNeverChosen() {
        VideoLayers v = threeLayers();
        v.active[2] = false;
        LayerAllocator.allocate(List.of(v), 10_000_000);
        assertThat(v.target).isEqualTo(1);
    }

    @Test
    void tracksShareTheBudgetRoundRobin() {
        VideoLayers a = threeLayers();
        VideoLayers b = threeLayers();
        LayerAllocator.allocate(List.of(a, b), 1_400_000);
        assertThat(a.target).isEqualTo(1);
        assertThat(b.target).isEqualTo(1);
    }

    @Test
    void unmeasuredLayersCostTheirNominalRate() {
        VideoLayers v = threeLayers();
        v.bitrate[2] = 0;
        LayerAllocator.allocate(List.of(v), 1_000_000);
        assertThat(v.target).isEqualTo(1);
    }

    @Test
    void goingUpNeedsHeadroomButStayingDoesNot() {
        VideoLayers v = threeLayers();
        v.current = 0;
        LayerAllocator.allocate(List.of(v), 700_000);
        assertThat(v.target).as("150 k + 1.25 × 350 k = 587.5 k fits in 700 k").isEqualTo(1);
        v.current = 0;
        LayerAllocator.allocate(List.of(v), 560_000);
        assertThat(v.target).as("not enough headroom to go up").isZero();
        v.current = 1;
        LayerAllocator.allocate(List.of(v), 560_000);
        assertThat(v.target).as("but enough to stay").isEqualTo(1);
    }

    @Test
    void goingUpNeedsABudgetThatCarriesTheNewLayersKeyframe() {
        VideoLayers v = threeLayers();
        v.current = 0;
        v.keyframeBits[1] = 600_000; // 75 KB: 500 ms at 1.2 Mbit/s
        long shortfall = LayerAllocator.allocate(List.of(v), 700_000);
        assertThat(v.target)
                .as("the bitrate fits with headroom, but the keyframe would take 857 ms at 700 kbit/s")
                .isZero();
        assertThat(shortfall)
                .as("a probe must prove the rate that carries the keyframe in time")
                .isEqualTo(1_200_000 - 700_000);
        LayerAllocator.allocate(List.of(v), 1_200_000);
        assertThat(v.target).as("at 1.2 Mbit/s it takes 500 ms").isEqualTo(1);
        v.current = 1;
        LayerAllocator.allocate(List.of(v), 700_000);
        assertThat(v.target)
                .as("a layer already forwarded needs no keyframe to stay")
                .isEqualTo(1);
    }

    @Test
    void goingDownLandsOnALayerWithHeadroomInOneStep() {
        VideoLayers v = threeLayers();
        v.current = 2;
        LayerAllocator.allocate(List.of(v), 560_000);
        assertThat(v.target)
                .as("the middle layer fits 560 k only without headroom (150 k + 1.25 × 350 k = 587.5 k):"
                        + " straight to the lowest, not one step now and another once the queue shows")
                .isZero();
        v.current = 2;
        LayerAllocator.allocate(List.of(v), 600_000);
        assertThat(v.target)
                .as("600 k would carry the middle layer's extra cost with headroom (587.5 k), but not leave"
                        + " a quarter of its whole cost spare (150 k + 350 k + 125 k = 625 k) to drain the queue")
                .isZero();
        v.current = 2;
        LayerAllocator.allocate(List.of(v), 640_000);
        assertThat(v.target).as("with headroom, the middle one").isEqualTo(1);
    }

    @Test
    void aPathWithNoSignOfCongestionKeepsTheLayerItForwards() {
        VideoLayers v = threeLayers();
        v.current = 2;
        v.bitrate[2] = 2_200_000; // the top layer swelled by a keyframe
        LayerAllocator.allocate(List.of(v), 1_800_000, true, false);
        assertThat(v.target)
                .as("an estimate that only bounds what was proven moves nothing down")
                .isEqualTo(2);
        LayerAllocator.allocate(List.of(v), 1_800_000, true, true);
        assertThat(v.target).as("the same estimate after a congestion does").isEqualTo(1);
        v.current = 2;
        v.maxWidth = 640;
        v.maxHeight = 360;
        LayerAllocator.allocate(List.of(v), 1_800_000, true, false);
        assertThat(v.target).as("a smaller size asked for still does").isEqualTo(1);
        v.maxWidth = Integer.MAX_VALUE;
        v.maxHeight = Integer.MAX_VALUE;
        v.current = 2;
        v.active[2] = false;
        LayerAllocator.allocate(List.of(v), 1_800_000, true, false);
        assertThat(v.target).as("and a layer that stopped is left").isEqualTo(1);
    }
}
