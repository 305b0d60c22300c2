package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.recorder.testing.CapturedStream;
import dev.quorum.recorder.testing.FfmpegSender;
import dev.quorum.recorder.testing.Lend;
import dev.quorum.recorder.testing.MarkerMedia;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.recorder.testing.RecorderHarness;
import dev.quorum.recorder.testing.RecorderTestBase;
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
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import java.util.function.DoubleToLongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One publisher sends audio and video that carry the same markers (a beep at each white flash, at
 * 1, 3 and 5 s). Its NTP clock is 3.7 s off the server's and each stream has a path delay of its
 * own. Placed with their {@code offset}s, the markers in the two recordings line up within 40 ms:
 * when the video track is tapped mid-stream and its first sender report comes after its first
 * frame, when the recorded simulcast layer changes to one that arrives later, and when the
 * sender's audio clock falls behind (samples it never sent).
 */
@Tag("slow")
class AvSyncTest extends RecorderTestBase {

    private static final double SECONDS = 6;
    private static final double SENDER_CLOCK_AHEAD = 3.7;
    private static final double AUDIO_DELAY = 0.030;
    private static final double VIDEO_DELAY = 0.150;
    private static final double VIDEO_TAPPED_AT = 1.4;
    private static final double LAYER_SWITCH_AT = 2.5;

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
        schedule(
                plan,
                audio,
                audioSink,
                base,
                AUDIO_DELAY,
                m -> true,
                (p, m) -> p,
                audio.ssrc(),
                audio::senderRtp,
                senderEpochMicros,
                0.2);
        schedule(
                plan,
                video,
                videoSink,
                base,
                VIDEO_DELAY,
                m -> m >= VIDEO_TAPPED_AT,
                (p, m) -> p,
                video.ssrc(),
                video::senderRtp,
                senderEpochMicros,
                2.0);
        Recording v = record(plan, audioSink, videoSink, "video");
        Recording a = only(harness.recordings(), "audio");

        assertThat(markersInSync(a, v))
                .as("the video was tapped after the first marker")
                .hasSize(2);
        assertThat((v.offsetMs() - a.offsetMs()) / 1000.0)
                .as("video starts at its first keyframe after the tap")
                .isCloseTo(1.5 - audio.firstPts, within(0.040));
    }

    /**
     * The recorded simulcast layer changes at 2.5 s (a keyframe) to another layer: other SSRC, own
     * timestamps, and 250 ms more delay on its way (its keyframe was paced out behind the rest).
     * Every layer's sender reports reach the sink, as the SFU forwards them. The new layer's first
     * frame follows the old layer's last one by their capture times, not by their arrivals.
     */
    @Test
    void markersLineUpWhenTheRecordedSimulcastLayerChanges() {
        CapturedStream video = CapturedStream.of(MarkerMedia.flashingVideo(SECONDS), FfmpegSender.VIDEO_PT, 90_000);
        CapturedStream audio = CapturedStream.of(MarkerMedia.beepingAudio(SECONDS), FfmpegSender.AUDIO_PT, 48_000);
        String participant = Sid.generate(Sid.PARTICIPANT);
        TrackSink audioSink = harness.recorder.open(
                harness.track(TrackKind.AUDIO, "opus", FfmpegSender.AUDIO_PT, participant),
                new RecorderHarness.CountingControl());
        TrackSink videoSink = harness.recorder.open(
                harness.track(TrackKind.VIDEO, "VP8", FfmpegSender.VIDEO_PT, participant),
                new RecorderHarness.CountingControl());
        long upperSsrc = video.ssrc() ^ 0x5A5A_5A5AL;
        long upperShift = 1_234_567_890L;

        long base = System.nanoTime();
        long senderEpochMicros = System.currentTimeMillis() * 1000 + (long) (SENDER_CLOCK_AHEAD * 1e6);
        List<Delivery> plan = new ArrayList<>();
        schedule(
                plan,
                audio,
                audioSink,
                base,
                AUDIO_DELAY,
                m -> true,
                (p, m) -> p,
                audio.ssrc(),
                audio::senderRtp,
                senderEpochMicros,
                0.2);
        schedule(
                plan,
                video,
                videoSink,
                base,
                0.040,
                m -> m < LAYER_SWITCH_AT,
                (p, m) -> p,
                video.ssrc(),
                video::senderRtp,
                senderEpochMicros,
                0.3);
        schedule(
                plan,
                video,
                videoSink,
                base,
                0.290,
                m -> m >= LAYER_SWITCH_AT,
                (p, m) -> restamp(p, upperSsrc, upperShift, 1000),
                upperSsrc,
                m -> video.senderRtp(m) + upperShift,
                senderEpochMicros,
                0.4);
        Recording v = record(plan, audioSink, videoSink, "video");
        Recording a = only(harness.recordings(), "audio");

        assertThat(markersInSync(a, v)).hasSize(3);
    }

    /**
     * The sender loses 100 ms of sound at 2.5 s (never sent) and its RTP timestamps do not count
     * them, while its sender reports keep telling the capture time. From the next report on (at
     * 2.9 s; what came between lies 100 ms early) the audio is placed by the reports, after a gap,
     * so the later beeps stay with their flashes.
     */
    @Test
    void markersLineUpWhenTheSendersAudioClockFallsBehind() {
        CapturedStream video = CapturedStream.of(MarkerMedia.flashingVideo(SECONDS), FfmpegSender.VIDEO_PT, 90_000);
        CapturedStream audio = CapturedStream.of(MarkerMedia.beepingAudio(SECONDS), FfmpegSender.AUDIO_PT, 48_000);
        String participant = Sid.generate(Sid.PARTICIPANT);
        TrackSink audioSink = harness.recorder.open(
                harness.track(TrackKind.AUDIO, "opus", FfmpegSender.AUDIO_PT, participant),
                new RecorderHarness.CountingControl());
        TrackSink videoSink = harness.recorder.open(
                harness.track(TrackKind.VIDEO, "VP8", FfmpegSender.VIDEO_PT, participant),
                new RecorderHarness.CountingControl());
        long lost = 4_800;

        long base = System.nanoTime();
        long senderEpochMicros = System.currentTimeMillis() * 1000 + (long) (SENDER_CLOCK_AHEAD * 1e6);
        List<Delivery> plan = new ArrayList<>();
        schedule(
                plan,
                audio,
                audioSink,
                base,
                AUDIO_DELAY,
                m -> m < 2.5 || m >= 2.6,
                (p, m) -> m < 2.6 ? p : restamp(p, audio.ssrc(), -lost, -5),
                audio.ssrc(),
                m -> audio.senderRtp(m) - (m >= 2.6 ? lost : 0),
                senderEpochMicros,
                0.9);
        schedule(
                plan,
                video,
                videoSink,
                base,
                VIDEO_DELAY,
                m -> true,
                (p, m) -> p,
                video.ssrc(),
                video::senderRtp,
                senderEpochMicros,
                0.3);
        Recording v = record(plan, audioSink, videoSink, "video");
        Recording a = only(harness.recordings(), "audio");

        assertThat(markersInSync(a, v)).hasSize(3);
    }

    /** Delivers the plan in arrival order, ends both recordings and returns the one of {@code type}. */
    private Recording record(List<Delivery> plan, TrackSink audioSink, TrackSink videoSink, String type) {
        plan.sort(Comparator.comparingLong(Delivery::arrivalNanos));
        plan.forEach(d -> d.action().run());
        audioSink.close();
        videoSink.close();
        harness.awaitIdle();
        return only(harness.recordings(), type);
    }

    /**
     * Checks both files decode and were placed by sender reports, and that every flash lies within
     * 40 ms of a beep on the common clock; returns the flashes.
     */
    private List<Double> markersInSync(Recording a, Recording v) {
        assertThat(tags(harness.file(a))).contains("QUORUM_OFFSET_SOURCE=sender-report");
        assertThat(tags(harness.file(v))).contains("QUORUM_OFFSET_SOURCE=sender-report");
        List<Double> beeps = MarkerMedia.beeps(harness.file(a)).stream()
                .map(t -> a.offsetMs() / 1000.0 + t)
                .toList();
        List<Double> flashes = MarkerMedia.flashes(harness.file(v)).stream()
                .map(t -> v.offsetMs() / 1000.0 + t)
                .toList();
        assertThat(beeps).hasSize(3);
        for (double flash : flashes) {
            double nearest = beeps.stream()
                    .min(Comparator.comparingDouble(b -> Math.abs(b - flash)))
                    .orElseThrow();
            assertThat(flash).as("flash vs. beep on the common clock").isCloseTo(nearest, within(0.040));
        }
        assertThat(Probe.decodeErrors(harness.file(a))).isEmpty();
        assertThat(Probe.decodeErrors(harness.file(v))).isEmpty();
        return flashes;
    }

    /**
     * Plans a stream's packets and sender reports as they would arrive: media time plus the path's
     * delay on the server clock; the sender's NTP clock runs {@link #SENDER_CLOCK_AHEAD} ahead.
     *
     * @param sent      which packets (by media time) the sink gets
     * @param restamp   how a packet (of a media time) reaches the sink: its SSRC, numbers
     * @param rtpAt     the stream's RTP timestamp for a media time, as its reports give it
     */
    private static void schedule(
            List<Delivery> plan,
            CapturedStream s,
            TrackSink sink,
            long base,
            double delay,
            DoublePredicate sent,
            BiFunction<byte[], Double, byte[]> restamp,
            long ssrc,
            DoubleToLongFunction rtpAt,
            long senderEpochMicros,
            double firstReportAt) {
        for (int i = 0; i < s.packets.size(); i++) {
            double m = s.mediaTime(i);
            if (!sent.test(m)) {
                continue;
            }
            byte[] bytes = restamp.apply(s.packets.get(i), m);
            long arrival = base + (long) ((m + delay) * 1e9);
            plan.add(new Delivery(
                    arrival,
                    () -> Lend.rtp(
                            sink,
                            PooledByteBufAllocator.DEFAULT
                                    .directBuffer(bytes.length)
                                    .writeBytes(bytes),
                            arrival)));
        }
        for (double m = firstReportAt; m < SECONDS; m += 1.0) {
            long ntp = toNtp(senderEpochMicros + (long) (m * 1e6));
            long rtp = rtpAt.applyAsLong(m) & 0xFFFF_FFFFL;
            long arrival = base + (long) ((m + delay) * 1e9);
            plan.add(new Delivery(arrival, () -> sink.onSenderReport(ssrc, ntp, rtp, arrival)));
        }
    }

    /** A copy of an RTP packet with another SSRC, its timestamp and sequence number moved. */
    private static byte[] restamp(byte[] packet, long ssrc, long timestampShift, int sequenceShift) {
        byte[] p = packet.clone();
        long ts = (timestamp(packet) + timestampShift) & 0xFFFF_FFFFL;
        int seq = (((packet[2] & 0xFF) << 8 | (packet[3] & 0xFF)) + sequenceShift) & 0xFFFF;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            p[4 + i] = (byte) (ts >>> (24 - 8 * i));
            p[8 + i] = (byte) (ssrc >>> (24 - 8 * i));
        }
        return p;
    }

    private static long timestamp(byte[] p) {
        return ((p[4] & 0xFFL) << 24) | ((p[5] & 0xFFL) << 16) | ((p[6] & 0xFFL) << 8) | (p[7] & 0xFFL);
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
        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-show_entries",
                "format_tags",
                "-of",
                "default=noprint_wrappers=1",
                file.toString());
        return Tools.run(cmd, 60).requireSuccess(cmd).stdout().replace("TAG:", "");
    }
}
