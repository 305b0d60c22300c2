package dev.quorum.recorder.testing;

import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.pipeline.ArrivalClock;
import dev.quorum.recorder.pipeline.FileSyncer;
import dev.quorum.recorder.pipeline.PublisherClock;
import dev.quorum.recorder.pipeline.RecorderMetrics;
import dev.quorum.recorder.pipeline.RecorderServices;
import dev.quorum.recorder.pipeline.RecordingLifecycle;
import dev.quorum.recorder.pipeline.TrackRecorder;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.tap.TapControl;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.testing.StoreFixture;
import dev.quorum.storage.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The services one {@link TrackRecorder} needs, real (SQLite, local files) but without recorder
 * threads: a test drives {@link TrackRecorder#service} itself with the time it chooses.
 */
public final class PipelineFixture implements AutoCloseable {

    public final String accountSid = Sid.generate(Sid.ACCOUNT);
    public final String roomSid = Sid.generate(Sid.ROOM);
    public final StoreFixture store;
    public final LocalMediaStore media;
    public final EventBus events = new EventBus();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final RecorderMetrics metrics = new RecorderMetrics(registry);
    public final RecordingLifecycle lifecycle;
    public final FileSyncer syncer;
    public final RecorderServices services;

    public PipelineFixture(Path dir, RecorderConfig config) {
        store = StoreFixture.open(TestDatabase.SQLITE, dir, Clock.systemUTC());
        try {
            media = new LocalMediaStore(dir.resolve("media"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lifecycle = new RecordingLifecycle(store.store().recordings(), events, Clock.systemUTC());
        syncer = new FileSyncer(config.syncInterval().toNanos(), lifecycle, metrics.syncTimer());
        services = new RecorderServices(
                config,
                metrics,
                media,
                lifecycle,
                syncer,
                new ArrivalClock(1_800_000_000_000_000L, 0),
                ByteBufAllocator.DEFAULT);
    }

    public TappedTrack track(TrackKind kind, String codec, int payloadType) {
        return new TappedTrack(
                accountSid,
                roomSid,
                "room",
                Sid.generate(Sid.PARTICIPANT),
                "alice",
                Sid.generate(Sid.TRACK),
                "t",
                kind,
                codec,
                payloadType,
                kind == TrackKind.AUDIO ? 48_000 : 90_000,
                kind == TrackKind.AUDIO ? 2 : 0,
                Map.of(),
                0);
    }

    public TrackRecorder recorder(TappedTrack track, TapControl control) {
        return new TrackRecorder(track, control, services, new PublisherClock(), () -> {});
    }

    /** Closes the sink and services it until it finished, then waits for the store. */
    public void finish(TrackRecorder t, long nowNanos) {
        t.close();
        while (!t.finished()) {
            t.service(nowNanos);
        }
        lifecycle.barrier().join();
    }

    public List<Recording> recordings() {
        return store.store().recordings().ofRoom(roomSid);
    }

    public Path file(Recording r) {
        return media.pathOf(r.mediaKey());
    }

    public double counter(String name) {
        var c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    public double drops(String reason) {
        var c = registry.find("quorum.packets.dropped")
                .tags("stage", "recorder", "reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        syncer.close();
        lifecycle.close();
        events.close();
        store.close();
    }
}
