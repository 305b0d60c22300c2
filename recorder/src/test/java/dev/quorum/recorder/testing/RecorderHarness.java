package dev.quorum.recorder.testing;

import dev.quorum.recorder.Recorder;
import dev.quorum.recorder.RecorderConfig;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.event.ServerEvent;
import dev.quorum.sfu.tap.TapControl;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.testing.StoreFixture;
import dev.quorum.storage.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real {@link Recorder} over SQLite and a local media store in a temporary directory, with the
 * events it publishes collected.
 */
public final class RecorderHarness implements AutoCloseable {

    public final String accountSid = Sid.generate(Sid.ACCOUNT);
    public final String roomSid = Sid.generate(Sid.ROOM);
    public final StoreFixture fixture;
    public final LocalMediaStore media;
    public final EventBus events = new EventBus();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final List<RecordingEvent> published = new CopyOnWriteArrayList<>();
    public final Recorder recorder;

    public RecorderHarness(Path dir, RecorderConfig config) {
        this(dir, config, m -> m);
    }

    /** @param mediaWrapper wraps the local media store the recorder writes to (to inject faults) */
    public RecorderHarness(Path dir, RecorderConfig config, UnaryOperator<MediaStore> mediaWrapper) {
        fixture = StoreFixture.open(TestDatabase.SQLITE, dir, Clock.systemUTC());
        try {
            media = new LocalMediaStore(dir.resolve("media"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        events.subscribe(e -> {
            if (e instanceof RecordingEvent r) {
                published.add(r);
            }
        });
        recorder = new Recorder(config, store().recordings(), mediaWrapper.apply(media), events, registry);
        recorder.start();
    }

    public MetadataStore store() {
        return fixture.store();
    }

    public TappedTrack track(TrackKind kind, String codec, int payloadType, String participantSid) {
        return new TappedTrack(
                accountSid,
                roomSid,
                "room",
                participantSid,
                "alice",
                Sid.generate(Sid.TRACK),
                kind == TrackKind.AUDIO ? "mic" : "camera",
                kind,
                codec,
                payloadType,
                kind == TrackKind.AUDIO ? 48_000 : 90_000,
                kind == TrackKind.AUDIO ? 2 : 0,
                Map.of(),
                System.currentTimeMillis());
    }

    /** Waits until every tapped track finished and the store and events caught up. */
    public void awaitIdle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (recorder.openTracks() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Recorder did not finish its tracks");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        recorder.settled().toCompletableFuture().join();
        // The bus delivers in publish order on one thread: once a marker arrives, so did the rest.
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        Marker marker = new Marker(accountSid, Instant.now());
        try (AutoCloseable sub = events.subscribe(e -> {
            if (e == marker) {
                delivered.complete(null);
            }
        })) {
            events.publish(marker);
            delivered.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Event bus did not deliver", e);
        }
    }

    private record Marker(String accountSid, Instant timestamp) implements ServerEvent {
        @Override
        public String name() {
            return "test-marker";
        }
    }

    public List<Recording> recordings() {
        return store().recordings().ofRoom(roomSid);
    }

    public Path file(Recording r) {
        return media.pathOf(r.mediaKey());
    }

    public double counter(String name, String tagKey, String tagValue) {
        var c = registry.find(name).tag(tagKey, tagValue).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        recorder.close();
        events.close();
        fixture.close();
    }

    /** A TapControl that counts keyframe requests. */
    public static final class CountingControl implements TapControl {
        public final AtomicInteger requests = new AtomicInteger();

        @Override
        public void requestKeyframe() {
            requests.incrementAndGet();
        }
    }
}
