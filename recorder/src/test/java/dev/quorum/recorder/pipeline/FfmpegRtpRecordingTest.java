package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.recorder.testing.FfmpegSender;
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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Streams from ffmpeg's RTP muxer (real time, over loopback UDP, with its RTCP sender reports)
 * through the recorder: the Recording completes, its file decodes without error and lasts as long
 * as the stream was sent.
 */
@Tag("slow")
class FfmpegRtpRecordingTest extends RecorderTestBase {

    private static final double SECONDS = 4;

    @Test
    void vp8StreamIsRecordedToADecodableMkv() {
        Recording r = record(TrackKind.VIDEO, "VP8", FfmpegSender.VIDEO_PT, FfmpegSender.vp8Source(SECONDS));

        assertThat(r.codec()).isEqualTo("VP8");
        assertThat(r.containerFormat()).isEqualTo("mkv");
        assertThat(r.type()).isEqualTo("video");
        Probe p = Probe.of(harness.file(r));
        assertThat(p.codecName()).isEqualTo("vp8");
        assertThat(p.width()).isEqualTo(320);
        assertThat(p.height()).isEqualTo(240);
    }

    @Test
    void h264StreamIsRecordedWithAnAvcCFromItsInBandParameterSets() {
        Recording r = record(TrackKind.VIDEO, "H264", FfmpegSender.VIDEO_PT, FfmpegSender.h264Source(SECONDS));

        assertThat(r.codec()).isEqualTo("H264");
        assertThat(r.containerFormat()).isEqualTo("mkv");
        Probe p = Probe.of(harness.file(r));
        assertThat(p.codecName()).isEqualTo("h264");
        assertThat(p.width()).isEqualTo(320);
        assertThat(p.height()).isEqualTo(240);
        assertThat(Probe.decodedFrames(harness.file(r)))
                .isEqualTo(Probe.packetTimes(FfmpegSender.h264Source(SECONDS)).size());
    }

    @Test
    void vp9StreamIsRecordedToADecodableMkv() {
        Recording r = record(TrackKind.VIDEO, "VP9", FfmpegSender.VIDEO_PT, FfmpegSender.vp9Source(SECONDS));

        assertThat(r.codec()).isEqualTo("VP9");
        Probe p = Probe.of(harness.file(r));
        assertThat(p.codecName()).isEqualTo("vp9");
        assertThat(p.width()).isEqualTo(320);
    }

    @Test
    void opusStreamIsRecordedToADecodableMka() {
        Recording r = record(TrackKind.AUDIO, "opus", FfmpegSender.AUDIO_PT, FfmpegSender.opusSource(SECONDS));

        assertThat(r.codec()).isEqualTo("OPUS");
        assertThat(r.containerFormat()).isEqualTo("mka");
        assertThat(r.type()).isEqualTo("audio");
        assertThat(Probe.of(harness.file(r)).codecName()).isEqualTo("opus");
    }

    private Recording record(TrackKind kind, String codec, int pt, Path source) {
        String participant = Sid.generate(Sid.PARTICIPANT);
        TappedTrack track = harness.track(kind, codec, pt, participant);
        RecorderHarness.CountingControl control = new RecorderHarness.CountingControl();
        TrackSink sink = harness.recorder.open(track, control);
        long span;
        int senderReports;
        try (RtpReceiver rx = new RtpReceiver(sink)) {
            FfmpegSender.run(FfmpegSender.send(source, pt, rx.url()));
            span = rx.spanNanos();
            senderReports = rx.senderReports();
        }
        sink.close();
        harness.awaitIdle();

        assertThat(senderReports).as("RTCP sender reports from ffmpeg").isPositive();
        List<Recording> all = harness.recordings();
        assertThat(all).hasSize(1);
        Recording r = all.get(0);
        assertThat(r.status()).isEqualTo(Recording.COMPLETED);
        assertThat(r.sourceSid()).isEqualTo(track.trackSid());
        assertThat(r.participantSid()).isEqualTo(participant);
        assertThat(r.offsetMs()).isCloseTo(System.currentTimeMillis() - (long) (SECONDS * 1000), within(3_000L));
        assertThat(r.durationMs() / 1000.0)
                .as("recorded duration vs. sending time")
                .isCloseTo(span / 1e9, within(0.5));
        assertThat(r.sizeBytes()).isEqualTo(harness.file(r).toFile().length());
        assertThat(Probe.decodeErrors(harness.file(r))).isEmpty();
        assertThat(Probe.of(harness.file(r)).formatDuration()).isCloseTo(r.durationMs() / 1000.0, within(0.05));
        assertThat(harness.published)
                .extracting(RecordingEvent::name)
                .containsExactly(RecordingEvent.STARTED, RecordingEvent.COMPLETED);
        assertThat(harness.published)
                .allSatisfy(e -> assertThat(e.recordingSid()).isEqualTo(r.sid()));
        return r;
    }
}
