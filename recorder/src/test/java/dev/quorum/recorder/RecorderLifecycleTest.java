package dev.quorum.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.recorder.testing.Fixtures;
import dev.quorum.recorder.testing.Lend;
import dev.quorum.recorder.testing.MediaFixtures;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.recorder.testing.RecorderHarness;
import dev.quorum.recorder.testing.TestPacketizer;
import dev.quorum.recorder.testing.TestPacketizer.Packet;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings through the whole Recorder: shutdown finishes them; file failures fail them. */
@Tag("slow")
class RecorderLifecycleTest {

    @TempDir
    Path dir;

    private RecorderHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void closingTheRecorderFinalizesAndCompletesEveryOpenRecording() throws InterruptedException {
        harness = new RecorderHarness(dir, RecorderConfig.defaults());
        TrackSink sink = harness.recorder.open(audioTrack(), () -> {});
        send(sink, 0, 50);
        awaitRecording(Recording.PROCESSING);

        harness.recorder.close();

        Recording r = harness.recordings().get(0);
        assertThat(r.status()).isEqualTo(Recording.COMPLETED);
        assertThat(r.durationMs()).isEqualTo(1_000);
        assertThat(Probe.decodeErrors(harness.file(r))).isEmpty();
        assertThat(harness.recorder.openTracks()).isZero();
    }

    @Test
    void aFileThatCannotBeCreatedFailsTheRecordingAtStart() {
        harness = new RecorderHarness(dir, RecorderConfig.defaults(), m -> new FaultyStore(m, true));
        TrackSink sink = harness.recorder.open(audioTrack(), () -> {});
        send(sink, 0, 10);
        sink.close();
        harness.awaitIdle();

        Recording r = harness.recordings().get(0);
        assertThat(r.status()).isEqualTo(Recording.FAILED);
        assertThat(r.failureReason())
                .contains("Could not create the recording file")
                .contains("disk full");
        assertThat(harness.published).extracting(RecordingEvent::name).containsExactly(RecordingEvent.FAILED);
        assertThat(harness.published.get(0).failedOperation()).isEqualTo("RecordingStart");
    }

    @Test
    void aFileThatStopsAcceptingWritesFailsTheRecordingAndKeepsWhatWasWritten() throws Exception {
        FaultyStore[] store = new FaultyStore[1];
        harness = new RecorderHarness(dir, RecorderConfig.defaults(), m -> store[0] = new FaultyStore(m, false));
        TrackSink sink = harness.recorder.open(audioTrack(), () -> {});
        send(sink, 0, 50);
        awaitRecording(Recording.PROCESSING);
        // The volume goes away: the next flush finds the file closed.
        store[0].created.get(0).channel().close();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
        int next = 50;
        while (System.nanoTime() < until) {
            send(sink, next, next + 5);
            next += 5;
            Thread.sleep(100);
        }
        sink.close();
        harness.awaitIdle();

        Recording r = harness.recordings().get(0);
        assertThat(r.status()).isEqualTo(Recording.FAILED);
        assertThat(r.failureReason()).contains("Could not write the recording file");
        assertThat(harness.published)
                .extracting(RecordingEvent::name)
                .containsExactly(RecordingEvent.STARTED, RecordingEvent.FAILED);
        assertThat(harness.published.get(1).failedOperation()).isEqualTo("RecordingComplete");
        assertThat(harness.media.exists(r.mediaKey())).isTrue();
    }

    private TappedTrack audioTrack() {
        return harness.track(TrackKind.AUDIO, "opus", 111, Sid.generate(Sid.PARTICIPANT));
    }

    private final List<Packet> packets =
            new TestPacketizer(111, 9, 48_000, 1, 1).opus(MediaFixtures.opus(Fixtures.dir(), 440, 3));

    private void send(TrackSink sink, int from, int to) {
        for (int i = from; i < to && i < packets.size(); i++) {
            Lend.rtp(sink, packets.get(i).buffer(), System.nanoTime());
        }
    }

    private void awaitRecording(String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (harness.recordings().stream().noneMatch(r -> r.status().equals(status))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No recording became " + status);
            }
            Thread.sleep(20);
        }
    }

    /** The local store, but creating files fails ("disk full") or works and is remembered. */
    private static final class FaultyStore implements MediaStore {
        final MediaStore delegate;
        final boolean failCreate;
        final List<MediaWriter> created = new CopyOnWriteArrayList<>();

        FaultyStore(MediaStore delegate, boolean failCreate) {
            this.delegate = delegate;
            this.failCreate = failCreate;
        }

        @Override
        public MediaWriter create(String key) throws IOException {
            if (failCreate) {
                throw new IOException("No space left on device (disk full)");
            }
            MediaWriter w = delegate.create(key);
            created.add(w);
            return w;
        }

        @Override
        public MediaWriter reopen(String key) throws IOException {
            return delegate.reopen(key);
        }

        @Override
        public Optional<MediaObject> open(String key) throws IOException {
            return delegate.open(key);
        }

        @Override
        public boolean exists(String key) {
            return delegate.exists(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            return delegate.delete(key);
        }
    }
}
