package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.recorder.testing.FfmpegSender;
import dev.quorum.recorder.testing.Lend;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.recorder.testing.RecorderHarness;
import dev.quorum.recorder.testing.RecorderTestBase;
import dev.quorum.recorder.testing.RtpReceiver;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import dev.quorum.storage.recording.Recording;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pausing the room's recording and muting the track leave gaps in the same file; resuming asks for
 * a keyframe; each new tap of a track is a new Recording; a tapped track without media leaves none.
 */
@Tag("slow")
class PauseMuteAndSegmentsTest extends RecorderTestBase {

    /**
     * Calls {@code off} on the sink with the first packet at or after {@code fromMillis} of media
     * time, and {@code on} with the first at or after {@code toMillis}.
     */
    private static RtpReceiver.Relay toggleAt(
            long fromMillis, long toMillis, int clockRate, Consumer<TrackSink> off, Consumer<TrackSink> on) {
        long[] first = {-1};
        int[] state = new int[1];
        return (ByteBuf packet, long arrival, TrackSink sink) -> {
            long ts = packet.getUnsignedInt(4);
            if (first[0] < 0) {
                first[0] = ts;
            }
            long ms = ((ts - first[0]) & 0xFFFF_FFFFL) * 1000 / clockRate;
            if (state[0] == 0 && ms >= fromMillis) {
                state[0] = 1;
                off.accept(sink);
            } else if (state[0] == 1 && ms >= toMillis) {
                state[0] = 2;
                on.accept(sink);
            }
            Lend.rtp(sink, packet, arrival);
        };
    }

    @Test
    void pausedAudioIsAGapInTheSameFile() {
        Recording r = recordOne(
                TrackKind.AUDIO,
                "opus",
                FfmpegSender.AUDIO_PT,
                FfmpegSender.opusSource(4),
                toggleAt(1000, 2000, 48_000, s -> s.onPaused(true), s -> s.onPaused(false)),
                new RecorderHarness.CountingControl());

        List<Long> pts = millis(Probe.packetTimes(harness.file(r)));
        assertThat(Probe.decodeErrors(harness.file(r))).isEmpty();
        assertThat(largestGap(pts)).isBetween(980L, 1030L);
        assertThat(gapStart(pts)).as("the gap starts where the pause began").isBetween(960L, 1040L);
        assertThat(pts.get(pts.size() - 1)).isGreaterThan(3900L);
    }

    @Test
    void mutedVideoIsAGapAndUnmutingAsksForAKeyframe() {
        RecorderHarness.CountingControl control = new RecorderHarness.CountingControl();
        int[] requestsAtUnmute = new int[1];
        Recording r = recordOne(
                TrackKind.VIDEO,
                "VP8",
                FfmpegSender.VIDEO_PT,
                FfmpegSender.vp8Source(4, 15),
                toggleAt(1000, 2000, 90_000, s -> s.onEnabled(false), s -> {
                    requestsAtUnmute[0] = control.requests.get();
                    s.onEnabled(true);
                }),
                control);

        Path file = harness.file(r);
        List<Long> pts = millis(Probe.packetTimes(file));
        assertThat(Probe.decodeErrors(file)).isEmpty();
        assertThat(Probe.decodedFrames(file)).isEqualTo(pts.size());
        assertThat(largestGap(pts)).as("gap while muted, %s", pts).isBetween(990L, 1100L);
        assertThat(gapStart(pts)).as("the gap starts where the mute began").isBetween(930L, 1000L);
        assertThat(pts.get(pts.size() - 1))
                .as("recording continues after unmute")
                .isGreaterThan(3500L);
        assertThat(control.requests.get()).as("keyframe asked for after unmute").isGreaterThan(requestsAtUnmute[0]);
    }

    @Test
    void eachTapOfATrackIsANewRecordingAndATapWithoutMediaIsNone() {
        TappedTrack track =
                harness.track(TrackKind.AUDIO, "opus", FfmpegSender.AUDIO_PT, Sid.generate(Sid.PARTICIPANT));
        Path source = FfmpegSender.opusSource(1.5);
        for (int segment = 0; segment < 2; segment++) {
            TrackSink sink = harness.recorder.open(track, new RecorderHarness.CountingControl());
            try (RtpReceiver rx = new RtpReceiver(sink)) {
                FfmpegSender.run(FfmpegSender.send(source, FfmpegSender.AUDIO_PT, rx.url()));
            }
            sink.close();
        }
        harness.recorder.open(track, new RecorderHarness.CountingControl()).close();
        harness.awaitIdle();

        List<Recording> all = harness.recordings();
        assertThat(all).hasSize(2);
        assertThat(all).extracting(Recording::sourceSid).containsOnly(track.trackSid());
        assertThat(all).extracting(Recording::status).containsOnly(Recording.COMPLETED);
        assertThat(all.get(0).sid()).isNotEqualTo(all.get(1).sid());
        assertThat(all.get(1).offsetMs()).isGreaterThan(all.get(0).offsetMs() + 1000);
        assertThat(harness.published)
                .extracting(RecordingEvent::name)
                .containsExactly(
                        RecordingEvent.STARTED,
                        RecordingEvent.COMPLETED,
                        RecordingEvent.STARTED,
                        RecordingEvent.COMPLETED);
    }

    private Recording recordOne(
            TrackKind kind,
            String codec,
            int pt,
            Path source,
            RtpReceiver.Relay relay,
            RecorderHarness.CountingControl control) {
        TappedTrack track = harness.track(kind, codec, pt, Sid.generate(Sid.PARTICIPANT));
        TrackSink sink = harness.recorder.open(track, control);
        try (RtpReceiver rx = new RtpReceiver(sink, relay)) {
            FfmpegSender.run(FfmpegSender.send(source, pt, rx.url()));
        }
        sink.close();
        harness.awaitIdle();
        List<Recording> all = harness.recordings();
        assertThat(all).as("one Recording, not one per segment").hasSize(1);
        assertThat(all.get(0).status()).isEqualTo(Recording.COMPLETED);
        return all.get(0);
    }

    private static long gapStart(List<Long> pts) {
        long gap = 0;
        long start = -1;
        for (int i = 1; i < pts.size(); i++) {
            if (pts.get(i) - pts.get(i - 1) > gap) {
                gap = pts.get(i) - pts.get(i - 1);
                start = pts.get(i - 1);
            }
        }
        return start;
    }

    private static long largestGap(List<Long> pts) {
        long gap = 0;
        for (int i = 1; i < pts.size(); i++) {
            gap = Math.max(gap, pts.get(i) - pts.get(i - 1));
        }
        return gap;
    }

    private static List<Long> millis(List<Double> seconds) {
        return seconds.stream().map(s -> Math.round(s * 1000)).toList();
    }
}
