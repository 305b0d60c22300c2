package dev.quorum.api.archives;

import dev.quorum.api.projects.VideoApiException;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.sfu.event.ParticipantEvent;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.ServerEvent;
import dev.quorum.sfu.event.TrackEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.archive.VideoSession;
import dev.quorum.storage.archive.VideoStream;
import dev.quorum.storage.recording.Recording;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs archives: the status machine, the recording plan it gives each session's room, and the
 * links from recordings to the archives they are part of. Everything happens on one thread, in the
 * order it arrives — REST commands ({@link #call}), events of the bus, timer checks — so an archive
 * is never changed by two hands at once.
 *
 * <p>The room records what its archives need, as recording rules naming tracks. A recording
 * belongs to the archives that wanted its track when it started; when that set changes for a track
 * already recorded (an archive starts or stops beside another) the track's recording is restarted,
 * so every recording lies wholly inside the archives it belongs to.
 */
public final class ArchiveEngine implements Consumer<ServerEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveEngine.class);

    // Given
    private final MetadataStore store;
    private final RoomControl rooms;
    private final ArchiveCallbacks callbacks;
    private final ArchiveOutputs outputs;
    private final ArchiveSettings settings;
    private final Clock clock;

    // Owned
    private final StreamTracker streams;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "archives");
        t.setDaemon(true);
        return t;
    });
    private final RoomRules rules;
    private final ArchiveTimers timers;

    ArchiveEngine(
            MetadataStore store,
            RoomControl rooms,
            ArchiveCallbacks callbacks,
            ArchiveOutputs outputs,
            ArchiveSettings settings,
            Clock clock) {
        this.store = store;
        this.rooms = rooms;
        this.callbacks = callbacks;
        this.outputs = outputs;
        this.settings = settings;
        this.clock = clock;
        this.streams = new StreamTracker(store, clock);
        this.timers = new ArchiveTimers(store, rooms, settings);
        this.rules = new RoomRules(rooms);
    }

    /** Runs {@code work} on the engine's thread and waits for it; its exceptions are rethrown. */
    <T> T call(Callable<T> work) {
        Future<T> f = thread.submit(work);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VideoApiException(500, "Interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** From the event bus: hops onto the engine's thread, keeping the order. */
    @Override
    public void accept(ServerEvent event) {
        if (event instanceof RoomEvent
                || event instanceof ParticipantEvent
                || event instanceof TrackEvent
                || event instanceof RecordingEvent) {
            run(() -> onEvent(event));
        } else if (event instanceof CompositionEvent c
                && (c.name().equals(CompositionEvent.AVAILABLE) || c.name().equals(CompositionEvent.FAILED))) {
            run(outputs::poll); // perhaps a composed archive's output
        }
    }

    /** The periodic check of timers, expiry and outputs. */
    void check() {
        run(this::tick);
    }

    private void run(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("Archive work failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // Stopping: timers and events are checked again at the next start.
        }
    }

    // ------------------------------------------------------------------------------------------
    // Commands (on the engine thread, through call)

    Archive start(VideoProject p, ArchiveRequest r) {
        VideoSession s = store.sessions()
                .find(r.sessionId())
                .filter(x -> x.projectId().equals(p.id()))
                .orElseThrow(() -> VideoApiException.notFound("Session " + r.sessionId() + " not found"));
        if (VideoSession.RELAYED.equals(s.mediaMode())) {
            throw VideoApiException.conflict("Session " + s.sessionId() + " is relayed (peer-to-peer): only routed"
                    + " sessions can be archived");
        }
        RoomInfo room = rooms.findRoom(s.accountSid(), s.sessionId()).orElse(null);
        if (room == null || rooms.participants(s.accountSid(), room.sid()).isEmpty()) {
            throw VideoApiException.notFound("Session " + s.sessionId() + " has no connected clients: an archive can"
                    + " only start while a client is connected");
        }
        List<Archive> running = store.archives().recordingOfSession(s.sessionId());
        if (!running.isEmpty() && r.multiArchiveTag() == null) {
            throw VideoApiException.conflict("Session " + s.sessionId() + " is already being archived (archive "
                    + running.get(0).id() + "); start another with a unique multiArchiveTag");
        }
        for (Archive a : running) {
            if (Objects.equals(a.multiArchiveTag(), r.multiArchiveTag())) {
                throw VideoApiException.conflict("multiArchiveTag '" + r.multiArchiveTag() + "' is already used by"
                        + " archive " + a.id() + " of this session");
            }
        }
        Instant now = clock.instant();
        Archive a = store.archives()
                .create(new Archive(
                        UUID.randomUUID().toString(),
                        p.id(),
                        s.accountSid(),
                        s.sessionId(),
                        room.sid(),
                        r.name(),
                        Archive.STARTED,
                        "",
                        r.outputMode(),
                        r.streamMode(),
                        r.hasAudio(),
                        r.hasVideo(),
                        r.resolution(),
                        r.layout() == null ? null : r.layout().toJson().encode(),
                        r.multiArchiveTag(),
                        r.maxBitrate(),
                        r.quantizationParameter(),
                        false,
                        now,
                        null,
                        null,
                        now,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        now,
                        null));
        LOG.info("Archive {} of session {} started ({}, {})", a.id(), s.sessionId(), a.outputMode(), a.streamMode());
        callbacks.status(a, List.of());
        replan(s, room.sid());
        return store.archives().find(a.id()).orElseThrow();
    }

    Archive stop(VideoProject p, String id) {
        Archive a = owned(p, id);
        if (a.automatic() && a.recording()) {
            throw VideoApiException.conflict(
                    "Archive " + id + " is an automatic archive: it stops when its session" + " ends, not on request");
        }
        return stop(a, "user initiated")
                .orElseThrow(() -> VideoApiException.conflict(
                        "Archive " + id + " is not being recorded (status " + a.status() + ")"));
    }

    void changeLayout(VideoProject p, String id, ArchiveLayout layout) {
        Archive a = owned(p, id);
        if (!a.composed()) {
            throw VideoApiException.badRequest(
                    "Archive " + id + " is an individual archive: only composed archives have a layout");
        }
        store.archives()
                .changeLayout(id, layout.toJson().encode(), clock.instant())
                .orElseThrow(() -> VideoApiException.conflict("Archive " + id + " is not being recorded (status "
                        + a.status() + "): its layout can no longer change"));
    }

    void select(VideoProject p, String id, String streamId, boolean audio, boolean video) {
        Archive a = manual(p, id);
        VideoStream s = store.sessions().stream(streamId)
                .filter(x -> x.sessionId().equals(a.sessionId()))
                .filter(VideoStream::live)
                .orElseThrow(() -> VideoApiException.notFound(
                        "Stream " + streamId + " is not published in session " + a.sessionId()));
        Instant now = clock.instant();
        if (store.archives().select(id, streamId, audio, video, now)) {
            callbacks.stream(a, "streamAdded", s, "", now);
            replan(a);
        }
    }

    void deselect(VideoProject p, String id, String streamId) {
        Archive a = manual(p, id);
        VideoStream s = store.sessions().stream(streamId)
                .filter(x -> x.sessionId().equals(a.sessionId()))
                .orElseThrow(() ->
                        VideoApiException.notFound("Stream " + streamId + " not found in session " + a.sessionId()));
        Instant now = clock.instant();
        if (!store.archives().deselect(id, streamId, now)) {
            throw VideoApiException.notFound("Stream " + streamId + " is not part of archive " + id);
        }
        callbacks.stream(a, "streamRemoved", s, "", now);
        replan(a);
    }

    /**
     * Sets streams' layout classes: the API shows them, and from now on they are in the room's
     * history of classes that composed layouts draw by (keyed by the stream's video track).
     */
    void setClasses(VideoSession s, Map<String, List<String>> changes) {
        long now = clock.millis();
        changes.forEach((id, names) -> {
            store.sessions().setLayoutClasses(id, names);
            store.sessions().stream(id)
                    .filter(v -> v.videoTrackSid() != null)
                    .ifPresent(v -> store.streamClasses().append(v.roomSid(), v.videoTrackSid(), now, names));
        });
        classesChanged(s);
    }

    /** Layout classes changed: composed archives may now prefer other streams. */
    void classesChanged(VideoSession s) {
        store.archives().recordingOfSession(s.sessionId()).stream()
                .map(Archive::roomSid)
                .distinct()
                .forEach(room -> replan(s, room));
    }

    private Archive manual(VideoProject p, String id) {
        Archive a = owned(p, id);
        if (!a.manualStreams()) {
            throw VideoApiException.badRequest("Archive " + id + " records its streams automatically (streamMode auto):"
                    + " streams can be added and removed only in streamMode manual");
        }
        if (!a.recording()) {
            throw VideoApiException.conflict("Archive " + id + " is not being recorded (status " + a.status() + ")");
        }
        return a;
    }

    private Archive owned(VideoProject p, String id) {
        return store.archives()
                .find(id)
                .filter(a -> a.projectId().equals(p.id()))
                .orElseThrow(() -> VideoApiException.notFound("Archive " + id + " not found"));
    }

    // ------------------------------------------------------------------------------------------
    // Events

    private void onEvent(ServerEvent event) {
        if (event instanceof RecordingEvent e) {
            onRecording(e);
            return;
        }
        RoomInfo room = event instanceof RoomEvent e
                ? e.room()
                : event instanceof ParticipantEvent e ? e.room() : ((TrackEvent) event).room();
        Optional<VideoSession> session = store.sessions()
                .find(room.uniqueName())
                .filter(s -> s.accountSid().equals(room.accountSid()));
        if (session.isEmpty()) {
            return;
        }
        VideoSession s = session.get();
        if (event instanceof RoomEvent e && e.name().equals(RoomEvent.ENDED)) {
            for (Archive a : store.archives().recordingOfSession(s.sessionId())) {
                if (a.roomSid().equals(room.sid())) {
                    stop(a, "session ended");
                }
            }
            store.sessions().endStreamsOfRoom(room.sid());
            rules.forget(room.sid());
            timers.occupied(room.sid());
        } else if (event instanceof ParticipantEvent e) {
            onParticipant(s, e);
        } else if (event instanceof TrackEvent e) {
            streams.onTrack(s, e).filter(StreamTracker.Change::ended).ifPresent(c -> streamEnded(s, c.stream(), e));
            if (e.name().equals(TrackEvent.ADDED)) {
                ensureAutomatic(s, room.sid()); // one that stopped while clients stayed starts again
            }
            replan(s, room.sid());
        }
    }

    private void onParticipant(VideoSession s, ParticipantEvent e) {
        String room = e.room().sid();
        if (e.name().equals(ParticipantEvent.CONNECTED)) {
            timers.occupied(room);
            ensureAutomatic(s, room);
        } else if (e.name().equals(ParticipantEvent.DISCONNECTED)
                && rooms.participants(s.accountSid(), room).isEmpty()) {
            // When the last client left, not when this thread got to the event.
            timers.emptied(room, e.timestamp() != null ? e.timestamp() : clock.instant());
        }
    }

    /** A stream a manual archive included went away: it leaves the archive. */
    private void streamEnded(VideoSession s, VideoStream stream, TrackEvent e) {
        boolean left = rooms.participants(s.accountSid(), e.room().sid()).stream()
                .noneMatch(p -> p.sid().equals(stream.participantSid()));
        Instant now = clock.instant();
        for (Archive a : store.archives().recordingOfSession(s.sessionId())) {
            if (a.manualStreams() && store.archives().deselect(a.id(), stream.streamId(), now)) {
                callbacks.stream(a, "streamRemoved", stream, left ? "clientDisconnected" : "mediaStopped", now);
            }
        }
    }

    private void onRecording(RecordingEvent e) {
        if (!e.name().equals(RecordingEvent.STARTED)) {
            outputs.poll();
            return;
        }
        Optional<Recording> r = store.recordings().find(e.recordingSid());
        RoomRules.Assigned as = r.flatMap(x -> rules.assigned(x.roomSid(), x.sourceSid(), x.dateCreated()))
                .orElse(null);
        if (as != null) {
            for (String archive : as.archives()) {
                store.archives().addPart(archive, r.get().sid(), as.streamId());
            }
        }
    }

    /** Starts an automatic archive of an {@code archiveMode=always} session unless one is recording. */
    private void ensureAutomatic(VideoSession s, String roomSid) {
        if (s.archivedAlways()
                && store.archives().recordingOfSession(s.sessionId()).stream().noneMatch(Archive::automatic)) {
            startAutomatic(s, roomSid);
        }
    }

    private Archive startAutomatic(VideoSession s, String roomSid) {
        Instant now = clock.instant();
        String resolution = s.archiveResolution() != null ? s.archiveResolution() : ArchiveRequest.DEFAULT_RESOLUTION;
        Archive a = store.archives()
                .create(new Archive(
                        UUID.randomUUID().toString(),
                        s.projectId(),
                        s.accountSid(),
                        s.sessionId(),
                        roomSid,
                        s.archiveName(),
                        Archive.STARTED,
                        "",
                        Archive.COMPOSED,
                        Archive.AUTO,
                        true,
                        true,
                        resolution,
                        ArchiveLayout.BEST_FIT.toJson().encode(),
                        null,
                        null,
                        null,
                        true,
                        now,
                        null,
                        null,
                        now,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        now,
                        null));
        LOG.info("Automatic archive {} of session {} started", a.id(), s.sessionId());
        callbacks.status(a, List.of());
        replan(s, roomSid);
        return a;
    }

    // ------------------------------------------------------------------------------------------
    // The status machine and the plan

    private Optional<Archive> stop(Archive a, String reason) {
        Optional<Archive> stopped = store.archives().stop(a.id(), reason, clock.instant());
        stopped.ifPresent(x -> {
            LOG.info("Archive {} stopped: {}", x.id(), reason);
            callbacks.status(x, List.of());
            store.sessions().find(x.sessionId()).ifPresent(s -> replan(s, x.roomSid()));
            outputs.poll();
        });
        return stopped;
    }

    private void replan(Archive a) {
        store.sessions().find(a.sessionId()).ifPresent(s -> replan(s, a.roomSid()));
    }

    /** Recomputes what each archive of the room records, moves their statuses, and sets the room's rules. */
    private void replan(VideoSession s, String roomSid) {
        Instant now = clock.instant();
        List<VideoStream> live = store.sessions().liveStreams(s.sessionId());
        Map<String, RoomRules.Assigned> next = new LinkedHashMap<>();
        for (Archive a : store.archives().recordingOfSession(s.sessionId())) {
            if (!a.roomSid().equals(roomSid)) {
                continue;
            }
            List<RecordingPlan.Included> included = included(a, live);
            publishing(a, !included.isEmpty(), included, now);
            for (RecordingPlan.Included i : included) {
                for (String track : new String[] {i.audioTrack(), i.videoTrack()}) {
                    if (track != null) {
                        next.computeIfAbsent(
                                        track,
                                        t -> new RoomRules.Assigned(i.stream().streamId(), new LinkedHashSet<>()))
                                .archives()
                                .add(a.id());
                    }
                }
            }
        }
        rules.apply(s.accountSid(), roomSid, next, now);
    }

    List<RecordingPlan.Included> included(Archive a, List<VideoStream> live) {
        return RecordingPlan.of(a, live, a.manualStreams() ? store.archives().selected(a.id()) : List.of());
    }

    private void publishing(Archive a, boolean publishing, List<RecordingPlan.Included> included, Instant now) {
        if (a.dateRecording() == null) {
            if (publishing) {
                store.archives().beginRecording(a.id(), now).ifPresent(outputs::began);
            }
        } else if (Archive.STARTED.equals(a.status()) && !publishing) {
            store.archives().pause(a.id(), now).ifPresent(x -> callbacks.status(x, List.of()));
        } else if (Archive.PAUSED.equals(a.status()) && publishing) {
            store.archives().resume(a.id(), now).ifPresent(x -> callbacks.status(x, included));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Timers

    private void tick() {
        Instant now = clock.instant();
        for (Archive a : store.archives().recording()) {
            String reason = timers.due(a, now);
            if ((reason == null || reason.equals(ArchiveTimers.MAX_DURATION)) && timers.rolloverDue(a, now)) {
                store.sessions().find(a.sessionId()).ifPresent(s -> startAutomatic(s, a.roomSid()));
            }
            if (reason != null) {
                stop(a, reason);
            }
        }
        for (Archive a : store.archives().expire(now)) {
            LOG.info("Archive {} expired", a.id());
            outputs.discard(a);
            callbacks.status(a, List.of());
        }
        timers.purge(now);
        outputs.poll();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
