package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.testing.CapturedStream;
import dev.quorum.recorder.testing.FfmpegSender;
import dev.quorum.recorder.testing.MarkerMedia;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.recorder.testing.RecorderHarness;
import dev.quorum.recorder.testing.Tools;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import dev.quorum.storage.recording.Recording;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One publisher sends audio and video that carry the same markers (a beep at each white flash).
 * Its NTP clock is 3.7 s off the server's, video reaches the server 120 ms later than audio, the
 * video track is tapped mid-stream, and the video's first sender report comes after its first
 * frame. Placed with their {@code offset}s, the markers in the two recordings line up within 40 ms.
 */
class AvSyncTest {

    private static final double SECONDS = 6;
    private static final double SENDER_CLOCK_AHEAD = 3.7;
    private static final double AUDIO_DELAY = 0.030;
    private static final double VIDEO_DELAY = 0.150;
    private static final double VIDEO_TAPPED_AT = 1.4;

    @TempDir
    Path dir;

    private RecorderHarness harness;

    @BeforeEach
    void start() {
        harness = new RecorderHarness(dir, RecorderConfig.defaults().withWorkerThreads(1));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private record Delivery(long arrivalNanos, Runnable action) {}

    @Test
    void markersOfAudioAndVideoLineUpThroughTheirOffsets() {
        CapturedStream video = CapturedStream.of(MarkerMedia.flashingVideo(SECONDS), FfmpegSender.VIDEO_PT, 90_000);
        CapturedStream audio = CapturedStream.of(MarkerMedia.beepingAudio(SECONDS), FfmpegSender.AUDIO_PT, 48_000);
        String participant = Sid.generate(Sid.PARTICIPANT);
        TappedTrack audioTrack = harness.track(TrackKind.AUDIO, "opus", FfmpegSender.AUDIO_PT, participant);
        TappedTrack videoTrack = harness.track(TrackKind.VIDEO, "VP8", FfmpegSender.VIDEO_PT, participant);
        TrackSink audioSink = harness.recorder.open(audioTrack, new RecorderHarness.CountingControl());
        TrackSink videoSink = harness.recorder.open(videoTrack, new RecorderHarness.CountingControl());

        long base = System.nanoTime();
        long senderEpochMicros = System.currentTimeMillis() * 1000 + (long) (SENDER_CLOCK_AHEAD * 1e6);
        List<Delivery> plan = new ArrayList<>();
        schedule(plan, audio, audioSink, base, AUDIO_DELAY, 0, senderEpochMicros, 0.2);
        schedule(plan, video, videoSink, base, VIDEO_DELAY, VIDEO_TAPPED_AT, senderEpochMicros, 2.0);
        plan.sort(Comparator.comparingLong(Delivery::arrivalNanos));
        plan.forEach(d -> d.action().run());
        audioSink.close();
        videoSink.close();
        harness.awaitIdle();

        Recording a = only(harness.recordings(), "audio");
        Recording v = only(harness.recordings(), "video");
        assertThat(Probe.decodeErrors(harness.file(a))).isEmpty();
        assertThat(Probe.decodeErrors(harness.file(v))).isEmpty();
        assertThat(tags(harness.file(a))).contains("QUORUM_OFFSET_SOURCE=sender-report");
        assertThat(tags(harness.file(v))).contains("QUORUM_OFFSET_SOURCE=sender-report");

        List<Double> beeps = MarkerMedia.beeps(harness.file(a)).stream().map(t -> a.offsetMs() / 1000.0 + t).toList();
        List<Double> flashes = MarkerMedia.flashes(harness.file(v)).stream().map(t -> v.offsetMs() / 1000.0 + t)
                .toList();
        assertThat(beeps).hasSize(3);
        assertThat(flashes).as("the video was tapped after the first marker").hasSize(2);
        for (double flash : flashes) {
            double nearest = beeps.stream().min(Comparator.comparingDouble(b -> Math.abs(b - flash))).orElseThrow();
            assertThat(flash).as("flash vs. beep on the common clock").isCloseTo(nearest, within(0.040));
        }
        assertThat((v.offsetMs() - a.offsetMs()) / 1000.0).as("video starts at its first keyframe after the tap")
                .isCloseTo(1.5 - audio.firstPts, within(0.040));
    }

    /**
     * Plans a stream's packets and sender reports as they would arrive: media time plus the path's
     * delay on the server clock; the sender's NTP clock runs {@link #SENDER_CLOCK_AHEAD} ahead.
     */
    private static void schedule(List<Delivery> plan, CapturedStream s, TrackSink sink, long base, double delay,
            double tappedAt, long senderEpochMicros, double firstReportAt) {
        for (int i = 0; i < s.packets.size(); i++) {
            double m = s.mediaTime(i);
            if (m < tappedAt) {
                continue;
            }
            byte[] bytes = s.packets.get(i);
            long arrival = base + (long) ((m + delay) * 1e9);
            plan.add(new Delivery(arrival, () -> sink.onRtp(
                    PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes), arrival)));
        }
        for (double m = firstReportAt; m < SECONDS; m += 1.0) {
            long ntp = toNtp(senderEpochMicros + (long) (m * 1e6));
            long rtp = (s.timestamp(0) + Math.round((m - s.firstPts) * s.clockRate)) & 0xFFFF_FFFFL;
            long arrival = base + (long) ((m + delay) * 1e9);
            plan.add(new Delivery(arrival, () -> sink.onSenderReport(ntp, rtp, arrival)));
        }
    }

    private static long toNtp(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L) + 2_208_988_800L;
        long micros = Math.floorMod(epochMicros, 1_000_000L);
        return (seconds << 32) | ((micros << 32) / 1_000_000L);
    }

    private static Recording only(List<Recording> all, String type) {
        List<Recording> of = all.stream().filter(r -> r.type().equals(type)).toList();
        assertThat(of).hasSize(1);
        assertThat(of.get(0).status()).isEqualTo(Recording.COMPLETED);
        return of.get(0);
    }

    private static String tags(Path file) {
        List<String> cmd = List.of(Tools.ffprobe(), "-v", "error", "-show_entries", "format_tags",
                "-of", "default=noprint_wrappers=1", file.toString());
        return Tools.run(cmd, 60).requireSuccess(cmd).stdout().replace("TAG:", "");
    }
}
