package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.recorder.testing.CapturedStream;
import dev.quorum.recorder.testing.FfmpegSender;
import dev.quorum.recorder.testing.Lend;
import dev.quorum.recorder.testing.MarkerMedia;
import dev.quorum.recorder.testing.RecorderHarness;
import dev.quorum.recorder.testing.RecorderTestBase;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import dev.quorum.storage.recording.Recording;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The offset stored while a recording runs is the one it completes with, to the millisecond, once
 * its publisher's clock mapping has settled: a composition made while the room runs places the
 * recording where one made afterwards does. A publisher's sender reports arrive with 40, 37 and
 * 50 ms of delay in its first seconds (the 3 ms gain is less than the recorder stores as it goes),
 * and one 5.3 s after the first settles the mapping. A second publisher, sending the same at the
 * same times, then has a report with only 20 ms of delay: it moves nothing any more.
 */
@Tag("slow")
class SettledOffsetTest extends RecorderTestBase {

    private static final double SECONDS = 6;
    private static final long MS = 1_000_000;

    @Test
    void theOffsetStoredOnceThePublishersClockSettledIsTheOneTheRecordingCompletesWith() throws Exception {
        CapturedStream audio = CapturedStream.of(MarkerMedia.beepingAudio(SECONDS), FfmpegSender.AUDIO_PT, 48_000);
        long base = System.nanoTime();
        long senderEpochMicros = System.currentTimeMillis() * 1000 + 3_700_000;

        // The first publisher: its reports up to the one that settles the mapping, then completed.
        TrackSink plain = open();
        int next = media(audio, plain, base, 0, 0.5);
        report(audio, plain, base, senderEpochMicros, 0.2, 40);
        next = media(audio, plain, base, next, 2.5);
        report(audio, plain, base, senderEpochMicros, 1.2, 37);
        report(audio, plain, base, senderEpochMicros, 2.2, 50);
        next = media(audio, plain, base, next, 5.6);
        report(audio, plain, base, senderEpochMicros, 5.5, 45);
        media(audio, plain, base, next, SECONDS);
        plain.close();
        harness.awaitIdle();
        long settled = harness.recordings().get(0).offsetMs();

        // The second: the same, stored exactly once settled while it still runs; a later, less
        // delayed report does not move it.
        TrackSink late = open();
        next = media(audio, late, base, 0, 0.5);
        report(audio, late, base, senderEpochMicros, 0.2, 40);
        assertThat(awaitStoredOffset(settled + 3))
                .as("placed by the first report, 3 ms more delayed than the best")
                .isEqualTo(settled + 3);
        next = media(audio, late, base, next, 2.5);
        report(audio, late, base, senderEpochMicros, 1.2, 37);
        report(audio, late, base, senderEpochMicros, 2.2, 50);
        next = media(audio, late, base, next, 5.6);
        report(audio, late, base, senderEpochMicros, 5.5, 45);
        assertThat(awaitStoredOffset(settled))
                .as("stored while the recording runs, exactly the settled value")
                .isEqualTo(settled);
        report(audio, late, base, senderEpochMicros, 5.8, 20);
        media(audio, late, base, next, SECONDS);
        late.close();
        harness.awaitIdle();
        List<Recording> all = harness.recordings();
        assertThat(all).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(Recording.COMPLETED));
        assertThat(all).extracting(Recording::offsetMs).containsOnly(settled);
    }

    private TrackSink open() {
        TappedTrack track =
                harness.track(TrackKind.AUDIO, "opus", FfmpegSender.AUDIO_PT, Sid.generate(Sid.PARTICIPANT));
        return harness.recorder.open(track, new RecorderHarness.CountingControl());
    }

    /** The running recording's stored offset once it is {@code expected}, or as it is after 10 s. */
    private long awaitStoredOffset(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000 * MS;
        long seen;
        do {
            seen = harness.recordings().stream()
                    .filter(r -> r.status().equals(Recording.PROCESSING))
                    .mapToLong(Recording::offsetMs)
                    .findFirst()
                    .orElse(Long.MIN_VALUE);
            if (seen == expected) {
                return seen;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return seen;
    }

    /** Lends the sink the packets from {@code from} up to media time {@code until}; returns the next. */
    private static int media(CapturedStream s, TrackSink sink, long base, int from, double until) {
        int i = from;
        for (; i < s.packets.size() && s.mediaTime(i) < until; i++) {
            byte[] bytes = s.packets.get(i);
            long arrival = base + (long) ((s.mediaTime(i) + 0.030) * 1e9);
            Lend.rtp(
                    sink,
                    PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes),
                    arrival);
        }
        return i;
    }

    /** A sender report for media time {@code m}, arriving {@code delayMs} after it was sent. */
    private static void report(
            CapturedStream s, TrackSink sink, long base, long senderEpochMicros, double m, int delayMs) {
        long ntp = toNtp(senderEpochMicros + (long) (m * 1e6));
        sink.onSenderReport(s.ssrc(), ntp, s.senderRtp(m) & 0xFFFF_FFFFL, base + (long) (m * 1e9) + delayMs * MS);
    }

    private static long toNtp(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L) + 2_208_988_800L;
        long micros = Math.floorMod(epochMicros, 1_000_000L);
        return (seconds << 32) | ((micros << 32) / 1_000_000L);
    }
}
