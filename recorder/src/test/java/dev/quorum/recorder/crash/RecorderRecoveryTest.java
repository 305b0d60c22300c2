package dev.quorum.recorder.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.recorder.Recorder;
import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.RecoveryReport;
import dev.quorum.recorder.mkv.MatroskaWriter;
import dev.quorum.recorder.mkv.TrackFormat;
import dev.quorum.recorder.testing.EncodedFrame;
import dev.quorum.recorder.testing.Fixtures;
import dev.quorum.recorder.testing.MediaFixtures;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.recording.RecordingStore;
import dev.quorum.storage.testing.StoreFixture;
import dev.quorum.storage.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery at start leaves none of this server's recordings processing, and touches no other server's. */
@Tag("slow")
class RecorderRecoveryTest {

    @TempDir
    Path dir;

    private StoreFixture fixture;
    private RecordingStore store;
    private LocalMediaStore media;
    private final EventBus events = new EventBus();
    private final List<RecordingEvent> published = new CopyOnWriteArrayList<>();
    private final String account = Sid.generate(Sid.ACCOUNT);
    private final String room = Sid.generate(Sid.ROOM);

    @BeforeEach
    void open() throws IOException {
        fixture = StoreFixture.open(TestDatabase.SQLITE, dir, Clock.systemUTC());
        store = fixture.store().recordings();
        media = new LocalMediaStore(dir.resolve("media"));
        events.subscribe(e -> {
            if (e instanceof RecordingEvent r) {
                published.add(r);
            }
        });
    }

    @AfterEach
    void close() {
        events.close();
        fixture.close();
    }

    @Test
    void eachProcessingRecordingOfThisServerEndsCompletedOrFailed() throws IOException {
        List<EncodedFrame> frames = MediaFixtures.vp8(Fixtures.dir(), 320, 240, 30, 1);
        NewRecording partial = processing("node-a");
        writeLive(partial.mediaKey(), frames, frames.size());
        NewRecording headerOnly = processing("node-a");
        writeLive(headerOnly.mediaKey(), frames, 0);
        NewRecording missing = processing("node-a");
        NewRecording otherServer = processing("node-b");
        writeLive(otherServer.mediaKey(), frames, frames.size());

        RecoveryReport report;
        try (Recorder recorder = recorder("node-a")) {
            report = recorder.recover();
        }
        events.close();

        assertThat(report.completed()).containsExactly(partial.sid());
        assertThat(report.failed()).containsExactlyInAnyOrder(headerOnly.sid(), missing.sid());
        Recording done = store.find(partial.sid()).orElseThrow();
        assertThat(done.status()).isEqualTo(Recording.COMPLETED);
        assertThat(done.durationMs()).isEqualTo(frames.get(frames.size() - 1).millis() + 33);
        assertThat(Probe.decodeErrors(media.pathOf(partial.mediaKey()))).isEmpty();
        assertThat(store.find(headerOnly.sid()).orElseThrow().failureReason()).contains("No media");
        assertThat(store.find(missing.sid()).orElseThrow().failureReason()).contains("before the recording file");
        assertThat(store.find(otherServer.sid()).orElseThrow().status()).isEqualTo(Recording.PROCESSING);
        assertThat(published)
                .extracting(RecordingEvent::name)
                .containsExactlyInAnyOrder(RecordingEvent.COMPLETED, RecordingEvent.FAILED, RecordingEvent.FAILED);
        assertThat(published)
                .filteredOn(e -> e.name().equals(RecordingEvent.FAILED))
                .extracting(RecordingEvent::failedOperation)
                .containsOnly("RecordingComplete");
    }

    @Test
    void recoveryIsRefusedOnceTracksAreBeingRecorded() {
        try (Recorder recorder = recorder("node-a")) {
            recorder.start();
            recorder.open(
                            new TappedTrack(
                                    account,
                                    room,
                                    "room",
                                    Sid.generate(Sid.PARTICIPANT),
                                    "bob",
                                    Sid.generate(Sid.TRACK),
                                    "mic",
                                    TrackKind.AUDIO,
                                    "opus",
                                    111,
                                    48_000,
                                    2,
                                    Map.of(),
                                    0),
                            () -> {})
                    .close();
            assertThatThrownBy(recorder::recover).isInstanceOf(IllegalStateException.class);
        }
    }

    private Recorder recorder(String instance) {
        return new Recorder(
                RecorderConfig.defaults().withInstanceId(instance), store, media, events, new SimpleMeterRegistry());
    }

    private NewRecording processing(String node) {
        String sid = Sid.generate(Sid.RECORDING);
        NewRecording r = new NewRecording(
                sid,
                account,
                room,
                Sid.generate(Sid.PARTICIPANT),
                Sid.generate(Sid.TRACK),
                "camera",
                "video",
                "VP8",
                "mkv",
                1_700_000_000_000L,
                "recordings/" + account + "/" + room + "/" + sid + ".mkv",
                null,
                null,
                node);
        store.create(r);
        return r;
    }

    /** Writes {@code count} frames as a live recording does, without finishing the file. */
    private void writeLive(String key, List<EncodedFrame> frames, int count) throws IOException {
        try (MediaWriter w = media.create(key);
                MatroskaWriter mkv = MatroskaWriter.start(w.channel(), TrackFormat.vp8(320, 240), 0, 5_000, 65_536)) {
            for (int i = 0; i < count; i++) {
                ByteBuf data = Unpooled.wrappedBuffer(frames.get(i).data());
                try {
                    mkv.writeFrame(frames.get(i).millis(), frames.get(i).keyframe(), data);
                } finally {
                    data.release();
                }
            }
            mkv.flush();
        }
    }
}
