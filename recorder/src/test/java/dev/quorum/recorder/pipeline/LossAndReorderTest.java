package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.recorder.testing.FfmpegSender;
import dev.quorum.recorder.testing.LossyRelay;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.recorder.testing.RecorderHarness;
import dev.quorum.recorder.testing.RecorderTestBase;
import dev.quorum.recorder.testing.RtpReceiver;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import dev.quorum.storage.recording.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A relay between ffmpeg's RTP and the recorder drops, duplicates, reorders and delays packets.
 * The file still decodes; exactly the frames that lost a packet (and, for video, the frames that
 * depend on them until the next keyframe) are missing; reordered and duplicated packets cost
 * nothing; no frame is written twice.
 */
@Tag("slow")
class LossAndReorderTest extends RecorderTestBase {

    private static final double SECONDS = 4;

    @Test
    void vp8KeepsEveryDecodableFrameAndOnlyThose() {
        Path source = FfmpegSender.vp8Source(SECONDS, 15);
        LossyRelay relay = new LossyRelay(20261123L, 0.008, 0.04, 0.06, 0.004, 700, 10);
        Recording r = record(TrackKind.VIDEO, "VP8", FfmpegSender.VIDEO_PT, source, relay);

        List<Long> sourcePts = millis(Probe.packetTimes(source));
        List<Boolean> keys = Probe.keyFlags(source);
        Set<Long> lostPts = relativeMillis(relay, 90);
        List<Long> expected = new ArrayList<>();
        boolean broken = false;
        for (int i = 0; i < sourcePts.size(); i++) {
            long pts = sourcePts.get(i) - sourcePts.get(0);
            if (keys.get(i)) {
                broken = false;
            }
            if (lostPts.contains(pts)) {
                broken = true;
            }
            if (!broken) {
                expected.add(pts);
            }
        }

        Path file = harness.file(r);
        assertThat(Probe.decodeErrors(file)).isEmpty();
        List<Long> recorded = millis(Probe.packetTimes(file));
        assertThat(recorded).as(relay.summary()).containsExactlyElementsOf(expected);
        assertThat(recorded).doesNotHaveDuplicates().isSorted();
        assertThat(Probe.decodedFrames(file)).isEqualTo(expected.size());
        assertThat(expected.size())
                .as("some frames lost, most kept")
                .isLessThan(sourcePts.size())
                .isGreaterThan(sourcePts.size() / 4);
    }

    @Test
    void opusLosesExactlyTheLostPackets() {
        Path source = FfmpegSender.opusSource(SECONDS);
        LossyRelay relay = new LossyRelay(7L, 0.03, 0.04, 0.06, 0.02, 700, 5);
        Recording r = record(TrackKind.AUDIO, "opus", FfmpegSender.AUDIO_PT, source, relay);

        List<Long> sourcePts = millis(Probe.packetTimes(source));
        Set<Long> lostPts = relativeMillis(relay, 48);
        List<Long> expected = sourcePts.stream()
                .map(p -> p - sourcePts.get(0))
                .filter(p -> !lostPts.contains(p))
                .toList();

        Path file = harness.file(r);
        assertThat(Probe.decodeErrors(file)).isEmpty();
        assertThat(millis(Probe.packetTimes(file))).as(relay.summary()).containsExactlyElementsOf(expected);
        assertThat(lostPts).isNotEmpty();
        assertThat(relay.duplicated() + relay.reordered()).isPositive();
    }

    private Recording record(TrackKind kind, String codec, int pt, Path source, LossyRelay relay) {
        TappedTrack track = harness.track(kind, codec, pt, Sid.generate(Sid.PARTICIPANT));
        TrackSink sink = harness.recorder.open(track, new RecorderHarness.CountingControl());
        try (RtpReceiver rx = new RtpReceiver(sink, relay)) {
            FfmpegSender.run(FfmpegSender.send(source, pt, rx.url()));
        }
        sink.close();
        harness.awaitIdle();
        List<Recording> all = harness.recordings();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).status()).isEqualTo(Recording.COMPLETED);
        return all.get(0);
    }

    /** RTP timestamps as milliseconds after the stream's first timestamp. */
    private static Set<Long> relativeMillis(LossyRelay relay, int ticksPerMilli) {
        long first = relay.firstTimestamp();
        return relay.lostTimestamps().stream()
                .map(ts -> ((ts - first) & 0xFFFF_FFFFL) / ticksPerMilli)
                .collect(Collectors.toSet());
    }

    private static List<Long> millis(List<Double> seconds) {
        return seconds.stream().map(s -> Math.round(s * 1000)).toList();
    }
}
