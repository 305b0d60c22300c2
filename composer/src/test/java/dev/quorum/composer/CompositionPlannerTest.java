package dev.quorum.composer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.composer.layout.Placement;
import dev.quorum.composer.layout.Rect;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositionPlannerTest {

    static final long T0 = 1_700_000_000_000L;
    static final String ALICE = Sid.generate(Sid.PARTICIPANT);
    static final String BOB = Sid.generate(Sid.PARTICIPANT);

    static SourceRecording rec(String participant, String name, TrackKind kind, long fromMs, long toMs) {
        return new SourceRecording(
                Sid.generate(Sid.RECORDING),
                Sid.generate(Sid.TRACK),
                participant,
                name,
                kind,
                kind == TrackKind.AUDIO ? "OPUS" : "VP8",
                Path.of(name),
                T0 + fromMs,
                toMs - fromMs);
    }

    final SourceRecording aliceCam = rec(ALICE, "alice-cam", TrackKind.VIDEO, 2000, 10_000);
    final SourceRecording aliceMic = rec(ALICE, "alice-mic", TrackKind.AUDIO, 2000, 10_000);
    final SourceRecording bobCam = rec(BOB, "bob-cam", TrackKind.VIDEO, 4000, 8000);
    final SourceRecording bobMic = rec(BOB, "bob-mic", TrackKind.AUDIO, 12_000, 14_000);
    final List<SourceRecording> room = List.of(aliceCam, aliceMic, bobCam, bobMic);

    @Test
    void gridOfAllVideoWithAllAudio() throws Exception {
        CompositionRequest req = CompositionRequest.parse(
                "{\"grid\":{\"video_sources\":[\"*\"]}}", List.of("*"), null, "640x480", "mp4", true);
        CompositionPlan plan = CompositionPlanner.plan(req, room);
        assertThat(plan.videoSources()).containsExactly(aliceCam, bobCam);
        assertThat(plan.audioSources()).containsExactly(aliceMic, bobMic);
        // 2–10 s, then 12–14 s: 10 s with trim.
        assertThat(plan.durationMs()).isEqualTo(10_000);
        List<Placement> at5 = plan.video().at(T0 + 5000);
        assertThat(at5).extracting(Placement::source).containsExactly(aliceCam, bobCam);
        assertThat(at5)
                .extracting(Placement::cell)
                .containsExactly(new Rect(0, 0, 320, 480), new Rect(320, 0, 320, 480));
        assertThat(plan.video().at(T0 + 9000)).extracting(Placement::source).containsExactly(aliceCam);
    }

    @Test
    void withoutTrimTheSilentGapStays() throws Exception {
        CompositionRequest req = CompositionRequest.parse(null, List.of("*"), null, null, null, false);
        assertThat(CompositionPlanner.plan(req, room).durationMs()).isEqualTo(12_000);
    }

    @Test
    void participantSidSelectsThatParticipantsVideo() throws Exception {
        CompositionRequest req = CompositionRequest.parse(
                "{\"single\":{\"video_sources\":[\"" + BOB + "\"]}}",
                List.of(bobMic.recordingSid()),
                null,
                null,
                null,
                true);
        CompositionPlan plan = CompositionPlanner.plan(req, room);
        assertThat(plan.videoSources()).containsExactly(bobCam);
        assertThat(plan.audioSources()).containsExactly(bobMic);
        assertThat(plan.timeline().spans()).hasSize(2);
        assertThat(plan.durationMs()).isEqualTo(6000);
    }

    @Test
    void excludedAudioIsNotMixed() throws Exception {
        CompositionRequest req = CompositionRequest.parse(null, List.of("*"), List.of("bob-*"), null, null, true);
        assertThat(CompositionPlanner.plan(req, room).audioSources()).containsExactly(aliceMic);
    }

    @Test
    void higherZIsDrawnLast() throws Exception {
        CompositionRequest req = CompositionRequest.parse(
                "{\"pip\":{\"z_pos\":2,\"x_pos\":400,\"y_pos\":300,"
                        + "\"width\":160,\"height\":120,\"video_sources\":[\"bob-cam\"]},"
                        + "\"main\":{\"z_pos\":1,\"video_sources\":[\"alice-cam\"]}}",
                null,
                null,
                null,
                null,
                true);
        List<Placement> at5 = CompositionPlanner.plan(req, room).video().at(T0 + 5000);
        assertThat(at5).extracting(Placement::source).containsExactly(aliceCam, bobCam);
        assertThat(at5.get(1).cell()).isEqualTo(new Rect(400, 300, 160, 120));
    }

    @Test
    void unknownSidsAreRefused() throws Exception {
        String ghost = Sid.generate(Sid.RECORDING);
        CompositionRequest req = CompositionRequest.parse(
                "{\"main\":{\"video_sources\":[\"" + ghost + "\"]}}",
                List.of(aliceCam.recordingSid()),
                null,
                null,
                null,
                true);
        assertThatThrownBy(() -> CompositionPlanner.plan(req, room))
                .isInstanceOfSatisfying(
                        InvalidCompositionException.class,
                        e -> assertThat(e.problems())
                                .extracting(ValidationProblem::message)
                                .containsExactly(
                                        "VideoLayout region 'main': video_sources names " + ghost
                                                + ", which is not a video recording of this room",
                                        "AudioSources names " + aliceCam.recordingSid()
                                                + ", which is not an audio recording of this room"));
    }

    @Test
    void namesThatMatchNothingAreFineUnlessNothingMatches() throws Exception {
        CompositionRequest some = CompositionRequest.parse(
                "{\"g\":{\"video_sources\":[\"nobody\",\"alice-cam\"]}}", null, null, null, null, true);
        assertThat(CompositionPlanner.plan(some, room).videoSources()).containsExactly(aliceCam);
        CompositionRequest none = CompositionRequest.parse(
                "{\"g\":{\"video_sources\":[\"nobody\"]}}", List.of("nothing*"), null, null, null, true);
        assertThatThrownBy(() -> CompositionPlanner.plan(none, room))
                .hasMessage("No recording of the room matches the VideoLayout or AudioSources of this composition");
    }

    @Test
    void aRoomWithoutRecordingsIsRefused() throws Exception {
        CompositionRequest req = CompositionRequest.parse(null, List.of("*"), null, null, null, true);
        assertThatThrownBy(() -> CompositionPlanner.plan(req, List.of()))
                .isInstanceOf(InvalidCompositionException.class)
                .hasMessage("The room has no recordings to compose");
    }
}
