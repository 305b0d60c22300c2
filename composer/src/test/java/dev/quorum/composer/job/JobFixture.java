package dev.quorum.composer.job;

import dev.quorum.composer.testing.TestMedia;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.ServerEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.room.RoomRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A room with recordings in a real metadata and media store, and the events the bus carries. */
final class JobFixture implements AutoCloseable {

    static final String AC = "AC" + "a".repeat(32);
    static final long T0 = 1_763_000_000_000L;

    final MetadataStore store;
    final LocalMediaStore media;
    final EventBus bus = new EventBus();
    final TestMedia files;
    final Clock clock;
    final LinkedBlockingQueue<CompositionEvent> events = new LinkedBlockingQueue<>();
    private final AutoCloseable subscription;

    JobFixture(MetadataStore store, Path dir, Clock clock) throws IOException {
        this.store = store;
        this.clock = clock;
        this.media = new LocalMediaStore(dir.resolve("media"));
        java.nio.file.Files.createDirectories(dir.resolve("sources"));
        this.files = new TestMedia(dir.resolve("sources"));
        this.subscription = bus.subscribe(e -> {
            if (e instanceof CompositionEvent c) {
                events.add(c);
            }
        });
    }

    static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    void room(String roomSid, String status) {
        store.rooms()
                .upsert(new RoomRecord(
                        roomSid,
                        AC,
                        roomSid,
                        status,
                        "group",
                        null,
                        "POST",
                        50,
                        Duration.ofHours(4),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        List.of("VP8"),
                        true,
                        "[]",
                        false,
                        false,
                        "us1",
                        false,
                        clock.instant(),
                        clock.instant(),
                        null));
    }

    void endRoom(String roomSid) {
        store.rooms().end(roomSid, RoomRecord.COMPLETED, clock.instant());
        bus.publish(new RoomEvent(
                RoomEvent.ENDED,
                new RoomInfo(roomSid, AC, roomSid, RoomInfo.COMPLETED, clock.instant(), clock.instant(), null),
                clock.instant()));
    }

    /** Stores {@code file} as a recording of the room; completed unless {@code processing}. */
    String recording(
            String roomSid,
            int n,
            String name,
            String type,
            Path file,
            long offsetMs,
            long durationMs,
            boolean processing)
            throws IOException {
        String rt = sid("RT", n);
        String container = type.equals("audio") ? "mka" : "mkv";
        String key = MediaKeys.recording(AC, roomSid, rt, container);
        store.recordings()
                .create(new NewRecording(
                        rt,
                        AC,
                        roomSid,
                        sid("PA", n),
                        sid("MT", n),
                        name,
                        type,
                        type.equals("audio") ? "OPUS" : "VP8",
                        container,
                        T0 + offsetMs,
                        key,
                        null,
                        null,
                        "node-1"));
        long size;
        try (MediaWriter w = media.create(key);
                FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            in.transferTo(0, in.size(), w.channel());
            size = w.commit();
        }
        if (!processing) {
            store.recordings().complete(rt, durationMs, size);
        }
        return rt;
    }

    void completeRecording(String roomSid, String rt, long durationMs) {
        store.recordings().complete(rt, durationMs, 1);
        bus.publish(new RecordingEvent(RecordingEvent.COMPLETED, AC, roomSid, rt, null, clock.instant()));
    }

    /** The next composition event, waiting up to {@code seconds}; null if none came. */
    CompositionEvent next(long seconds) throws InterruptedException {
        return events.poll(seconds, TimeUnit.SECONDS);
    }

    /** Events up to and including the first named {@code last}; fails after {@code seconds}. */
    List<CompositionEvent> until(String last, long seconds) throws InterruptedException {
        List<CompositionEvent> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            CompositionEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + last + " within " + seconds + " s; got " + names(out));
            }
            out.add(e);
            if (e.name().equals(last)) {
                return out;
            }
        }
    }

    static List<String> names(List<? extends ServerEvent> events) {
        return events.stream().map(ServerEvent::name).toList();
    }

    @Override
    public void close() throws Exception {
        subscription.close();
        bus.close();
    }
}
