package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.testing.EncodedFrame;
import dev.quorum.recorder.testing.Fixtures;
import dev.quorum.recorder.testing.Lend;
import dev.quorum.recorder.testing.MediaFixtures;
import dev.quorum.recorder.testing.PipelineFixture;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.recorder.testing.RecorderHarness;
import dev.quorum.recorder.testing.TestPacketizer;
import dev.quorum.recorder.testing.TestPacketizer.Packet;
import dev.quorum.recorder.testing.Tools;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.storage.recording.Recording;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One track's pipeline driven packet by packet, on a clock the test moves. */
@Tag("slow")
class TrackRecorderTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private PipelineFixture fixture;

    private PipelineFixture fixture(RecorderConfig config) {
        fixture = new PipelineFixture(dir, config);
        return fixture;
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aFullQueueDropsReleasesAndCountsAndTheFileSaysHowMany() {
        PipelineFixture f = fixture(RecorderConfig.defaults().withQueueCapacity(16));
        TrackRecorder t = f.recorder(f.track(TrackKind.AUDIO, "opus", 111), () -> {});
        List<Packet> packets = new TestPacketizer(111, 1, 48_000, 100, 5000)
                .opus(MediaFixtures.opus(Fixtures.dir(), 440, 1).subList(0, 40));

        for (Packet p : packets) {
            Lend.rtp(t, p.buffer(), p.mediaMillis() * MS);
        }
        f.finish(t, 2_000 * MS);

        assertThat(t.dropped(DropReason.QUEUE_FULL)).isEqualTo(24);
        assertThat(f.drops("queue_full")).isEqualTo(24);
        Recording r = f.recordings().get(0);
        assertThat(Probe.packetTimes(f.file(r))).hasSize(16);
        assertThat(tags(f.file(r))).contains("QUORUM_QUEUE_OVERFLOW=24");
        assertThat(r.packetsDropped()).isEqualTo(24L);
        assertThat(r.packetsLost()).isZero();
    }

    @Test
    void everyPacketHandedToARecordingIsPushedIntoItsDepacketizerOrDroppedUnderOneReason() {
        PipelineFixture f = fixture(RecorderConfig.defaults().withQueueCapacity(16));
        TrackRecorder t = f.recorder(f.track(TrackKind.AUDIO, "opus", 111), () -> {});
        List<Packet> packets = new TestPacketizer(111, 1, 48_000, 100, 5000)
                .opus(MediaFixtures.opus(Fixtures.dir(), 440, 1).subList(0, 40));
        int next = 0;
        for (; next < 10; next++) { // good
            Lend.rtp(t, packets.get(next).buffer(), next * 20 * MS);
            t.service(next * 20 * MS);
        }
        Lend.rtp(t, Unpooled.wrappedBuffer(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}), 0);
        Lend.rtp(t, Unpooled.wrappedBuffer(new byte[] {(byte) 0x80}), 0);
        byte[] otherType = packets.get(next++).bytes().clone();
        otherType[1] = 0;
        Lend.rtp(t, Unpooled.wrappedBuffer(otherType), 0);
        Lend.rtp(t, packets.get(3).buffer(), 0); // its place was taken long ago: late
        t.service(220 * MS);
        t.onPaused(true);
        t.service(240 * MS);
        for (int i = 0; i < 3; i++) {
            Lend.rtp(t, packets.get(next++).buffer(), 0);
        }
        t.onPaused(false);
        t.service(260 * MS);
        for (int i = 0; i < 20; i++) { // 16 fit in the queue
            Lend.rtp(t, packets.get(next++).buffer(), 0);
        }
        t.close();
        Lend.rtp(t, packets.get(next++).buffer(), 0);
        f.finish(t, 2_000 * MS);

        assertThat(ledger(f, "in")).isEqualTo(10 + 4 + 3 + 20 + 1);
        assertThat(ledger(f, "out")).isEqualTo(10 + 16).isEqualTo(f.counter("quorum.recorder.packets"));
        assertThat(f.drops("malformed")).isEqualTo(2);
        assertThat(f.drops("unexpected_payload_type")).isEqualTo(1);
        assertThat(f.drops("late")).isEqualTo(1);
        assertThat(f.drops("paused")).isEqualTo(3);
        assertThat(f.drops("queue_full")).isEqualTo(4);
        assertThat(f.drops("closed")).isEqualTo(1);
        double dropped = f.registry.find("quorum.packets.dropped").tag("stage", "recorder").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
        assertThat(dropped).as("nothing else dropped").isEqualTo(2 + 1 + 1 + 3 + 4 + 1);
        assertThat(ledger(f, "in")).as("in = out + dropped").isEqualTo(ledger(f, "out") + dropped);
    }

    private static double ledger(PipelineFixture f, String direction) {
        return f.registry
                .get("quorum.packets")
                .tags("stage", "recorder", "direction", direction)
                .counter()
                .count();
    }

    @Test
    void videoWaitsForAKeyframeAndAsksForOneAtStartAndAfterLossAtMostOncePerInterval() {
        PipelineFixture f = fixture(RecorderConfig.defaults());
        RecorderHarness.CountingControl control = new RecorderHarness.CountingControl();
        TrackRecorder t = f.recorder(f.track(TrackKind.VIDEO, "VP8", 96), control);
        List<EncodedFrame> frames = MediaFixtures.vp8(Fixtures.dir(), 320, 240, 30, 3);
        assertThat(frames.get(30).keyframe()).isTrue();
        assertThat(frames.get(60).keyframe()).isTrue();
        List<Packet> packets = new TestPacketizer(96, 7, 90_000, 65_500, 1L << 31).vp8(frames.subList(1, 90));
        int lostSequence = packets.stream()
                .filter(p -> p.mediaMillis() == frames.get(40).millis())
                .findFirst()
                .orElseThrow()
                .sequence();

        t.service(0);
        assertThat(control.requests.get()).as("asked at start").isEqualTo(1);
        for (Packet p : packets) {
            if (p.sequence() == lostSequence) {
                continue;
            }
            long now = p.mediaMillis() * MS;
            Lend.rtp(t, p.buffer(), now);
            t.service(now);
            // The hole is given up after the reorder window.
            t.service(now + 500 * MS);
        }
        f.finish(t, 4_000 * MS);

        assertThat(control.requests.get())
                .as("at start, then once after the loss")
                .isEqualTo(2);
        Recording r = f.recordings().get(0);
        List<Double> pts = Probe.packetTimes(f.file(r));
        List<Double> expected = new ArrayList<>();
        for (int i = 30; i < 90; i++) {
            if (i < 40 || i >= 60) {
                expected.add((frames.get(i).millis() - frames.get(30).millis()) / 1000.0);
            }
        }
        assertThat(pts).containsExactlyElementsOf(expected);
        assertThat(Probe.decodeErrors(f.file(r))).isEmpty();
        assertThat(t.dropped(DropReason.WAITING_FOR_KEYFRAME)).isEqualTo(29 + 19);
        assertThat(t.packetsLost()).isEqualTo(1);
        // The Recording resource carries the same counts.
        assertThat(r.packetsLost()).isEqualTo(1L);
        assertThat(r.packetsDropped()).isEqualTo(t.packetsDropped()).isGreaterThanOrEqualTo(29 + 19);
    }

    @Test
    void aNewSsrcContinuesTheSameFileAfterTheTimeThatPassed() {
        PipelineFixture f = fixture(RecorderConfig.defaults());
        TrackRecorder t = f.recorder(f.track(TrackKind.AUDIO, "opus", 111), () -> {});
        List<EncodedFrame> audio = MediaFixtures.opus(Fixtures.dir(), 440, 1);
        List<Packet> first = new TestPacketizer(111, 1, 48_000, 10, 1000).opus(audio);
        List<Packet> second = new TestPacketizer(111, 2, 48_000, 40_000, 999_999_999L).opus(audio);

        long last = 0;
        for (Packet p : first) {
            last = p.mediaMillis() * MS;
            Lend.rtp(t, p.buffer(), last);
            t.service(last);
        }
        for (Packet p : second) {
            long arrival = last + 3_000 * MS + p.mediaMillis() * MS;
            Lend.rtp(t, p.buffer(), arrival);
            t.service(arrival);
        }
        f.finish(t, 10_000 * MS);

        assertThat(f.recordings()).hasSize(1);
        List<Long> pts = Probe.packetTimes(f.file(f.recordings().get(0))).stream()
                .map(s -> Math.round(s * 1000))
                .toList();
        long lastOfFirst = audio.get(audio.size() - 1).millis();
        assertThat(pts).hasSize(2 * audio.size());
        assertThat(pts.get(audio.size() - 1)).isEqualTo(lastOfFirst);
        assertThat(pts.get(audio.size())).isEqualTo(lastOfFirst + 3_000);
        assertThat(pts).isSorted();
    }

    @Test
    void aLongPauseDuringWhichSequenceNumbersRanOnPastHalfTheirSpaceResumesTheSameFile() {
        PipelineFixture f = fixture(RecorderConfig.defaults());
        TrackRecorder t = f.recorder(f.track(TrackKind.AUDIO, "opus", 111), () -> {});
        List<EncodedFrame> audio = MediaFixtures.opus(Fixtures.dir(), 440, 1);
        // 40,000 packets (800 s) are sent while the recording is paused.
        List<Packet> before = new TestPacketizer(111, 1, 48_000, 100, 5_000).opus(audio.subList(0, 20));
        List<Packet> after =
                new TestPacketizer(111, 1, 48_000, 100 + 20 + 40_000, 5_000 + 40_020L * 960).opus(audio.subList(0, 20));

        for (Packet p : before) {
            Lend.rtp(t, p.buffer(), p.mediaMillis() * MS);
            t.service(p.mediaMillis() * MS);
        }
        t.onPaused(true);
        t.service(400 * MS);
        t.onPaused(false);
        for (Packet p : after) {
            long arrival = (800_400 + p.mediaMillis()) * MS;
            Lend.rtp(t, p.buffer(), arrival);
            t.service(arrival);
        }
        f.finish(t, 900_000 * MS);

        List<Long> pts = Probe.packetTimes(f.file(f.recordings().get(0))).stream()
                .map(s -> Math.round(s * 1000))
                .toList();
        assertThat(f.recordings()).hasSize(1);
        assertThat(pts).hasSize(40);
        assertThat(pts.get(20) - pts.get(19)).isEqualTo(800_020L);
    }

    @Test
    void malformedAndForeignPacketsAreCountedNotRecorded() {
        PipelineFixture f = fixture(RecorderConfig.defaults());
        TrackRecorder t = f.recorder(f.track(TrackKind.AUDIO, "opus", 111), () -> {});
        List<Packet> packets = new TestPacketizer(111, 1, 48_000, 10, 1000)
                .opus(MediaFixtures.opus(Fixtures.dir(), 440, 1).subList(0, 10));

        Lend.rtp(t, Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 1, 2}), 0);
        Lend.rtp(t, TestPacketizer.withPayloadType(packets.get(0), 63).buffer(), 0);
        for (Packet p : packets) {
            Lend.rtp(t, p.buffer(), p.mediaMillis() * MS);
        }
        Lend.rtp(t, packets.get(3).buffer(), 300 * MS);
        f.finish(t, 1_000 * MS);

        assertThat(t.dropped(DropReason.MALFORMED)).isEqualTo(1);
        assertThat(t.dropped(DropReason.UNEXPECTED_PAYLOAD_TYPE)).isEqualTo(1);
        assertThat(t.dropped(DropReason.LATE)).isEqualTo(1);
        assertThat(Probe.packetTimes(f.file(f.recordings().get(0)))).hasSize(10);
    }

    @Test
    void aCodecTheRecorderCannotWriteLeavesAFailedRecordingAndNoFile() {
        PipelineFixture f = fixture(RecorderConfig.defaults());
        List<RecordingEvent> events = new CopyOnWriteArrayList<>();
        f.events.subscribe(e -> {
            if (e instanceof RecordingEvent r) {
                events.add(r);
            }
        });
        TappedTrack track = f.track(TrackKind.VIDEO, "AV1", 45);
        TrackRecorder t = f.recorder(track, () -> {});
        Packet p = new TestPacketizer(45, 1, 90_000, 1, 1)
                .opus(MediaFixtures.opus(Fixtures.dir(), 440, 1))
                .get(0);

        Lend.rtp(t, p.buffer(), 0);
        Lend.rtp(t, p.buffer(), 0);
        f.finish(t, MS);
        f.events.close();

        Recording r = f.recordings().get(0);
        assertThat(r.status()).isEqualTo(Recording.FAILED);
        assertThat(r.codec()).isEqualTo("AV1");
        assertThat(r.failureReason()).contains("AV1");
        assertThat(r.mediaKey()).isNull();
        assertThat(t.dropped(DropReason.UNSUPPORTED_CODEC)).isEqualTo(2);
        assertThat(events).extracting(RecordingEvent::failedOperation).containsExactly("RecordingStart");
    }

    @Test
    void packetsAfterCloseAreReleasedAndCounted() {
        PipelineFixture f = fixture(RecorderConfig.defaults());
        TrackRecorder t = f.recorder(f.track(TrackKind.AUDIO, "opus", 111), () -> {});
        Packet p = new TestPacketizer(111, 1, 48_000, 1, 1)
                .opus(MediaFixtures.opus(Fixtures.dir(), 440, 1))
                .get(0);

        f.finish(t, 0);
        Lend.rtp(t, p.buffer(), 0);

        assertThat(t.dropped(DropReason.CLOSED)).isEqualTo(1);
        assertThat(f.recordings()).isEmpty();
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
