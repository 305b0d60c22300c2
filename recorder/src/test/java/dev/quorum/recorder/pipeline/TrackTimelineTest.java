package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackTimelineTest {

    private static final long MS = 1_000_000;

    @Test
    void firstFrameIsZeroAndLaterFramesFollowTheirTimestamps() {
        TrackTimeline t = new TrackTimeline(90_000);
        assertThat(t.place(1_000_000, 0)).isZero();
        assertThat(t.place(1_003_000, 33 * MS)).isEqualTo(33);
        // A 10 s mute keeps the RTP clock running: a real gap.
        assertThat(t.place(1_903_000, 10_033 * MS)).isEqualTo(10_033);
    }

    @Test
    void aSlightlyOlderFrameIsRefusedAndALargeStepBackRestartsFromArrival() {
        TrackTimeline t = new TrackTimeline(48_000);
        t.place(48_000, 0);
        t.place(96_000, 1_000 * MS);
        assertThat(t.place(95_040, 1_020 * MS)).isEqualTo(-1);
        // The sender restarted its timestamps 5 s back; 500 ms passed since the last frame.
        assertThat(t.place(96_000 - 240_000, 1_500 * MS)).isEqualTo(1_500);
        assertThat(t.place(96_000 - 240_000 + 960, 1_520 * MS)).isEqualTo(1_520);
    }

    @Test
    void aNewStreamWithoutCaptureTimesContinuesByArrivalTime() {
        TrackTimeline t = new TrackTimeline(90_000);
        t.place(0, 0);
        t.place(90_000, 1_000 * MS);
        t.newStream();
        assertThat(t.startsStream()).isTrue();
        assertThat(t.place(7_777_777, 3_500 * MS, TrackTimeline.UNKNOWN)).isEqualTo(3_500);
        assertThat(t.joinedByArrival()).isTrue();
        assertThat(t.place(7_777_777 + 9_000, 3_600 * MS)).isEqualTo(3_600);
    }

    @Test
    void aNewStreamContinuesByTheDistanceOfCaptureTimesWhateverItsArrival() {
        TrackTimeline t = new TrackTimeline(90_000);
        t.place(0, 0);
        t.place(90_000, 1_000 * MS);
        t.newStream();
        // Captured 33.4 ms after the last frame; its keyframe arrived 400 ms late.
        assertThat(t.place(7_777_777, 1_433 * MS, 33_400)).isEqualTo(1_033);
        assertThat(t.joinedByArrival()).isFalse();
        assertThat(t.startsStream()).isFalse();
        assertThat(t.place(7_777_777 + 9_000, 1_450 * MS)).isEqualTo(1_133);
    }

    @Test
    void framesOfANewStreamCapturedBeforeTheLastFrameFollowItUntilTheyPassIt() {
        TrackTimeline t = new TrackTimeline(90_000);
        t.place(0, 0);
        t.place(90_000, 1_000 * MS);
        t.newStream();
        // The new layer's keyframe was captured 40 ms before the old layer's last frame.
        assertThat(t.place(500_000, 1_010 * MS, -40_000)).isEqualTo(1_001);
        assertThat(t.place(500_000 + 2_970, 1_043 * MS)).isEqualTo(1_002);
        assertThat(t.place(500_000 + 5_940, 1_076 * MS)).isEqualTo(1_026);
        // From here on a frame only slightly older than the previous one is refused again.
        assertThat(t.place(500_000 + 5_040, 1_080 * MS)).isEqualTo(-1);
    }

    @Test
    void aDelayedStreamContinuesLaterWithoutMovingWhatWasPlaced() {
        TrackTimeline t = new TrackTimeline(48_000);
        t.place(0, 0);
        t.place(48_000, 1_000 * MS);
        // The sender's reports say its RTP clock lost 100 ms: the next frames move, the last stays.
        t.delay(100_000);
        assertThat(t.lastMillis()).isEqualTo(1_000);
        assertThat(t.projectedMillis(48_000)).isEqualTo(1_100);
        assertThat(t.place(48_960, 1_120 * MS)).isEqualTo(1_120);
    }

    @Test
    void aCaptureDistanceOfMoreThanASecondBackIsNotTrusted() {
        TrackTimeline t = new TrackTimeline(90_000);
        t.place(0, 0);
        t.place(90_000, 1_000 * MS);
        t.newStream();
        assertThat(t.place(500_000, 1_050 * MS, -5_000_000)).isEqualTo(1_050);
        assertThat(t.joinedByArrival()).isTrue();
    }

    @Test
    void timestampsAreUnwrappedAcrossThe32BitWrap() {
        TrackTimeline t = new TrackTimeline(90_000);
        assertThat(t.place(0xFFFF_F000L, 0)).isZero();
        assertThat(t.place(0xFFFF_F000L + 90_000, 1_000 * MS)).isEqualTo(1_000);
        // A depacketizer restarted after a pause may hand in the same instant un-unwrapped.
        assertThat(t.place((0xFFFF_F000L + 180_000) & 0xFFFF_FFFFL, 2_000 * MS)).isEqualTo(2_000);
    }

    @Test
    void aNewStreamArrivingAtOnceStillMovesForward() {
        TrackTimeline t = new TrackTimeline(90_000);
        t.place(0, 5 * MS);
        t.newStream();
        assertThat(t.place(123, 5 * MS)).isEqualTo(1);
    }
}
